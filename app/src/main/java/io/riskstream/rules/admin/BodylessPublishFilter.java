package io.riskstream.rules.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets {@code curl -X POST -u admin /actuator/rules} publish as it is: an actuator write operation only
 * accepts a JSON request, and a POST without a body has no content type at all, so it would get a 415.
 */
@Component
class BodylessPublishFilter extends OncePerRequestFilter {

    static final String PATH = "/actuator/rules";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getContentType() != null
                || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return MediaType.APPLICATION_JSON_VALUE;
            }

            @Override
            public String getHeader(String name) {
                return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
            }

            @Override
            public java.util.Enumeration<String> getHeaders(String name) {
                return "Content-Type".equalsIgnoreCase(name)
                        ? java.util.Collections.enumeration(java.util.List.of(getContentType()))
                        : super.getHeaders(name);
            }
        }, response);
    }
}
