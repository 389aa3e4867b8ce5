package io.riskstream.logins;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.riskstream.events.LoginEvent;
import io.riskstream.platform.Fields;
import io.riskstream.platform.Validator;

/** What makes a login unusable: it then goes to {@code logins.dlq} with the reason. */
final class LoginValidator implements Validator<LoginEvent> {

    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    @Override
    public Optional<String> problem(String key, LoginEvent login) {
        Optional<String> text = Fields.first(Fields.id("userId", login.getUserId()),
                Fields.text("ipAddress", login.getIpAddress(), Fields.MAX_ID_LENGTH));
        if (text.isPresent()) {
            return text;
        }
        if (!login.getUserId().equals(key)) {
            // Sessions live with the key's partition: a login keyed otherwise would split the user's session.
            return Optional.of("the record key '" + key + "' is not the userId '" + login.getUserId() + "'");
        }
        if (!COUNTRIES.contains(login.getCountry())) {
            return Optional.of("country '" + login.getCountry() + "' is not an ISO-3166 alpha-2 code");
        }
        return Optional.empty();
    }
}
