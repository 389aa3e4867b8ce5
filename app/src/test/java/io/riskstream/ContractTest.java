package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.riskstream.platform.DeadLetterReason;
import io.riskstream.platform.Topic;
import io.riskstream.platform.Topics;
import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;

/** {@code docs/contract.md}, the page users rely on, says what the code does: topics, schemas, reason codes. */
class ContractTest {

    static final Path CONTRACT = Path.of("..", "docs", "contract.md");
    /** A row of the topics table: its first cell, a topic name in backticks. */
    static final Pattern TOPIC_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

    @Test
    void topicsTableListsExactlyTheTopicsOfTheCatalog() throws IOException {
        String topics = section("## Topics");
        Set<String> listed = new LinkedHashSet<>();
        Matcher row = TOPIC_ROW.matcher(topics);
        while (row.find()) {
            listed.add(row.group(1));
        }
        Set<String> catalog = Topics.ALL.stream().map(Topic::name).collect(Collectors.toCollection(LinkedHashSet::new));
        catalog.add("<input>" + Topic.DEAD_LETTER_SUFFIX);

        assertThat(listed).containsExactlyInAnyOrderElementsOf(catalog);
        for (Topic<?> input : Topics.INPUTS) {
            assertThat(topics).contains("`" + input.deadLetterTopic() + "`");
        }
    }

    @Test
    void everySchemaIsDescribedWithEveryFieldOfItsNewestVersion() throws IOException {
        String schemas = section("## Schemas");
        for (Subject subject : SchemaCatalog.load().subjects()) {
            Schema newest = subject.versions().get(subject.versions().size() - 1);
            String described = bullet(schemas, newest.getName());
            assertThat(described).as("the contract's bullet for %s", newest.getName()).isNotEmpty();
            for (Schema.Field field : newest.getFields()) {
                assertThat(described).as("%s.%s in the contract", newest.getName(), field.name())
                        .contains("`" + field.name() + "`");
            }
        }
    }

    @Test
    void everyDeadLetterReasonCodeIsExplained() throws IOException {
        String contract = Files.readString(CONTRACT);
        assertThat(Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code))
                .allSatisfy(code -> assertThat(contract).contains("`" + code + "`"));
    }

    /** The text of {@code heading}'s section, up to the next heading of the same level. */
    private static String section(String heading) throws IOException {
        String contract = Files.readString(CONTRACT);
        int start = contract.indexOf("\n" + heading);
        assertThat(start).as(heading + " in " + CONTRACT).isNotNegative();
        int end = contract.indexOf("\n## ", start + heading.length() + 1);
        return contract.substring(start, end < 0 ? contract.length() : end);
    }

    /** The top-level bullet that starts with {@code name} in backticks, with its sub-bullets; empty if none. */
    private static String bullet(String section, String name) {
        int start = section.indexOf("\n- `" + name + "`");
        if (start < 0) {
            return "";
        }
        int end = section.indexOf("\n- ", start + 1);
        return section.substring(start, end < 0 ? section.length() : end);
    }
}
