package io.riskstream.logins;

import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;

/** What a login leads to: an alert (on time or late), or the login itself, too late to count. */
record LoginOutcome(MultiCountryAlert alert, LoginEvent tooLate) {

    static LoginOutcome alert(MultiCountryAlert alert) {
        return new LoginOutcome(alert, null);
    }

    static LoginOutcome tooLate(LoginEvent login) {
        return new LoginOutcome(null, login);
    }

    boolean isTooLate() {
        return tooLate != null;
    }

    boolean isLateAlert() {
        return alert != null && alert.getLate();
    }
}
