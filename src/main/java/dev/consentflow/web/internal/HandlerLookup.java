package dev.consentflow.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC finds the handler of a path with a variable ({@code /f/{key}}, {@code /c/{token}}, most of the API) by
 * asking every one of the some 180 mappings whether it matches, each asking the request for its method (through
 * every wrapper of the filter chain), then its headers, then its path: 3.9 % of a form post's and a click's request
 * thread (JFR, SignupConfirmCostBench at 16 clients). Here a mapping whose every path starts with a literal segment
 * ({@code /api/...}, {@code /console/...}) is not asked when the request's first path segment is none of those: it
 * could not have matched. Whatever matches, the order of the matches, the best match, and the answers to no match
 * (404, 405, 406, 415: computed from all mappings, as before) stay Spring's own.
 */
@Configuration(proxyBeanMethods = false)
class HandlerLookup {

    @Bean
    WebMvcRegistrations handlerLookupByFirstSegment() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new FirstSegmentMapping();
            }
        };
    }

    static final class FirstSegmentMapping extends RequestMappingHandlerMapping {

        /** The request's first path segment while its handler is looked up on this thread; null: ask every mapping. */
        private static final ThreadLocal<String> FIRST = new ThreadLocal<>();

        /** The first segments a mapping's paths can start with, for mappings whose every path starts with a literal. */
        private volatile Map<RequestMappingInfo, String[]> firstSegments = Map.of();

        @Override
        public void afterPropertiesSet() {
            super.afterPropertiesSet();
            PathPatternParser parser = getPatternParser();
            if (parser == null || !parser.isCaseSensitive()) {
                return;
            }
            Map<RequestMappingInfo, String[]> index = new IdentityHashMap<>();
            getHandlerMethods().keySet().forEach(info -> {
                Set<String> firsts = firstSegments(info);
                if (firsts != null) {
                    index.put(info, firsts.toArray(String[]::new));
                }
            });
            firstSegments = index;
        }

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            FIRST.set(firstSegment(request));
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                FIRST.remove();
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            String first = FIRST.get();
            if (first != null) {
                String[] firsts = firstSegments.get(info);
                if (firsts != null && !startsWithOneOf(first, firsts)) {
                    return null;
                }
            }
            return super.getMatchingMapping(info, request);
        }

        private static boolean startsWithOneOf(String first, String[] firsts) {
            for (String candidate : firsts) {
                if (candidate.equals(first)) {
                    return true;
                }
            }
            return false;
        }

        /** The literal first segments of the mapping's paths; null when any path may start otherwise. */
        static Set<String> firstSegments(RequestMappingInfo info) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths == null || paths.getPatterns().isEmpty()) {
                return null;
            }
            Set<String> firsts = new java.util.HashSet<>();
            for (PathPattern pattern : paths.getPatterns()) {
                String first = literalFirstSegment(pattern.getPatternString());
                if (first == null) {
                    return null;
                }
                firsts.add(first);
            }
            return Set.copyOf(firsts);
        }

        /** {@code /api/lists/{key}} gives {@code api}; null for {@code /}, {@code /**}, {@code /{key}}, {@code /f*}. */
        static String literalFirstSegment(String pattern) {
            if (!pattern.startsWith("/")) {
                return null;
            }
            int end = pattern.indexOf('/', 1);
            String first = end < 0 ? pattern.substring(1) : pattern.substring(1, end);
            for (int i = 0; i < first.length(); i++) {
                if ("{}*?%;\\".indexOf(first.charAt(i)) >= 0) {
                    return null;
                }
            }
            return first.isEmpty() ? null : first;
        }

        /**
         * The request path's first segment as the patterns compare it (decoded, without path parameters); null for a
         * path without one ({@code /}, empty).
         */
        static String firstSegment(HttpServletRequest request) {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                return null;
            }
            var elements = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements();
            if (elements.size() < 2 || !(elements.get(0) instanceof PathContainer.Separator)
                    || !(elements.get(1) instanceof PathContainer.PathSegment segment)) {
                return null;
            }
            return segment.valueToMatch();
        }
    }
}
