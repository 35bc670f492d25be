package dev.berth.engine.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method + path template to handlers. Templates use {@code {name}} for one path segment and
 * {@code {name:.+}} for the rest of the path (image references contain slashes). Routes are tried in the order
 * they were added, so a more specific template ({@code /images/{name:.+}/json}) wins over a greedy one added later.
 */
public final class Router {

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(?::([^}]+))?}");

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, compile(template), names(template), handler));
        return this;
    }

    /** Finds the handler for a request; {@code params} receives the decoded path parameters. */
    public Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            String routeMethod = route.method;
            boolean methodOk = routeMethod.equals(method) || ("HEAD".equals(method) && "GET".equals(routeMethod)
                    && !hasExplicitHead(path));
            if (!methodOk) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < route.names.size(); i++) {
                params.put(route.names.get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
            }
            return new Match(route.handler, params, true);
        }
        return new Match(null, Map.of(), pathKnown);
    }

    private boolean hasExplicitHead(String path) {
        for (Route route : routes) {
            if ("HEAD".equals(route.method) && route.pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append('(').append(m.group(2) == null ? "[^/]+" : m.group(2)).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        regex.append("/?");
        return Pattern.compile(regex.toString());
    }

    private static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The outcome of matching: a handler, or none with {@code pathKnown} telling 405 from 404.
     */
    public record Match(Handler handler, Map<String, String> params, boolean pathKnown) {
    }

    private record Route(String method, String template, Pattern pattern, List<String> names, Handler handler) {
    }
}
