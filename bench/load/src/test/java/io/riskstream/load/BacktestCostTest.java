package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BacktestCostTest {

    @Test
    void drlTextIsSentAsAJsonStringWithItsQuotesBackslashesAndLineBreaksEscaped() {
        assertThat(BacktestCost.json("rule \"a\"\n\twhen\\ then\u0001end"))
                .isEqualTo("\"rule \\\"a\\\"\\n\\twhen\\\\ then\\u0001end\"");
    }
}
