package io.riskstream.siteevents;

import java.util.Optional;

import io.riskstream.events.SiteEvent;
import io.riskstream.platform.Fields;
import io.riskstream.platform.Validator;

/**
 * What makes a site event unusable: it then goes to {@code site-events.dlq} with the reason. An unknown
 * {@code type} is not a problem: types are strings so that new ones never break readers, who ignore them.
 */
final class SiteEventValidator implements Validator<SiteEvent> {

    @Override
    public Optional<String> problem(String key, SiteEvent event) {
        Optional<String> text = Fields.first(Fields.id("eventId", event.getEventId()),
                Fields.id("userId", event.getUserId()),
                Fields.text("type", event.getType(), Fields.MAX_ID_LENGTH),
                Fields.text("page", event.getPage(), Fields.MAX_TEXT_LENGTH));
        if (text.isPresent()) {
            return text;
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
