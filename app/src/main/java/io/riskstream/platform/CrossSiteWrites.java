package io.riskstream.platform;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a write (POST, PUT, PATCH, DELETE) that a browser sends on behalf of another site. Basic authentication
 * has no session cookie, but a browser keeps the rules administrator's credentials and sends them again with any
 * request to this host, a page of another site's included: that page could publish rules. Browsers say where a
 * request comes from ({@code Sec-Fetch-Site}, {@code Origin}); a write that comes from another origin is refused with
 * 403 before authentication. Clients that are not browsers (curl, scripts, the CLI) send neither header and are
 * unaffected; the app's own pages are same-origin.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteWrites.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** {@code none}: typed in the address bar or a bookmark, not sent by a page. */
    private static final Set<String> OWN = Set.of("same-origin", "none");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String why = crossSite(request);
        if (why == null) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("Refused {} {} from another site ({}): a page of another site must not change this app",
                request.getMethod(), request.getRequestURI(), why);
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-site write refused (" + why + "): change rules "
                + "from a client that is not a browser page of another site, e.g. curl");
    }

    /** Why the request comes from another site, or null if it does not. */
    static String crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !OWN.contains(site)) {
            return "Sec-Fetch-Site: " + site;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameAuthority(origin, request.getHeader("Host"))) {
            return "Origin: " + origin;
        }
        return null;
    }

    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin.trim()).getAuthority();
            return authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException malformed) {
            return false; // "null" (a sandboxed page, a file) and anything unreadable
        }
    }
}
