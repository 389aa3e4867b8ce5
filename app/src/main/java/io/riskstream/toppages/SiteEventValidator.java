package io.riskstream.toppages;

import java.util.Optional;

import io.riskstream.events.SiteEvent;
import io.riskstream.platform.Validator;

/**
 * What makes a site event unusable: it then goes to {@code site-events.dlq} with the reason. An unknown
 * {@code type} is not a problem: types are strings so that new ones never break readers, who ignore them.
 */
public final class SiteEventValidator implements Validator<SiteEvent> {

    @Override
    public Optional<String> problem(String key, SiteEvent event) {
        if (event.getEventId().isBlank()) {
            return Optional.of("eventId is empty");
        }
        if (event.getUserId().isBlank()) {
            return Optional.of("userId is empty");
        }
        if (!event.getUserId().equals(key)) {
            // Sessions live with the key's partition: an event keyed otherwise would split the user's session.
            return Optional.of("the record key '" + key + "' is not the userId '" + event.getUserId() + "'");
        }
        if (event.getPage().isBlank()) {
            return Optional.of("page is empty");
        }
        if (SiteEventTypes.isCartChange(event.getType())
                && (event.getAmountMinor() == null || event.getAmountMinor() <= 0)) {
            return Optional.of(event.getType() + " needs a positive amountMinor, not " + event.getAmountMinor());
        }
        return Optional.empty();
    }
}
