package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CrossSiteWritesTest {

    @Test
    void aWriteFromAnotherOriginIsCrossSiteAndOneFromNoBrowserOrTheAppsOwnPagesIsNot() {
        Map<Map<String, String>, Boolean> crossSiteByHeaders = Map.of(
                Map.of(), false,
                Map.of("Sec-Fetch-Site", "same-origin"), false,
                Map.of("Sec-Fetch-Site", "none"), false,
                Map.of("Origin", "http://riskstream.local:8080"), false,
                Map.of("Origin", "HTTP://RISKSTREAM.LOCAL:8080"), false,
                Map.of("Sec-Fetch-Site", "cross-site"), true,
                Map.of("Sec-Fetch-Site", "same-site"), true,
                Map.of("Origin", "http://riskstream.local:9090"), true,
                Map.of("Origin", "null"), true,
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "same-origin"), true);

        crossSiteByHeaders.forEach((headers, crossSite) -> {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/rules");
            request.addHeader("Host", "riskstream.local:8080");
            headers.forEach(request::addHeader);

            assertThat(CrossSiteWrites.crossSite(request) != null).as("%s", headers).isEqualTo(crossSite);
        });
    }

    @Test
    void aCrossSiteWriteIsRefusedWith403BeforeAnythingElseAndACrossSiteReadGoesThrough() throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            MockHttpServletRequest request = new MockHttpServletRequest(method, "/actuator/rules");
            request.addHeader("Sec-Fetch-Site", "cross-site");
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();

            new CrossSiteWrites().doFilter(request, response, chain);

            assertThat(chain.getRequest() != null).as(method).isEqualTo(method.equals("GET"));
            assertThat(response.getStatus()).as(method).isEqualTo(method.equals("GET") ? 200 : 403);
        }
    }
}
