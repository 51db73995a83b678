package org.mynn.cli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.mynn.cli.service.Jsons;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * The web's own small HTTP vocabulary, apart from the HTTP library: a request, an answer, an error with a status, the
 * checks a request must pass, and the one mapping of failures to statuses. {@link Api} (the page's API) and
 * {@link Lab} (the training lab) both speak it and do not know each other; {@link WebServer} routes to them.
 */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /** A request: method, path, content type (may be null), body, query string (may be null). */
    record Request(String method, String path, String contentType, byte[] body, String query) {

        Request(String method, String path, String contentType, byte[] body) {
            this(method, path, contentType, body, null);
        }
    }

    /** An answer: status, content type, body. */
    record Response(int status, String contentType, byte[] body) {

        static Response json(int status, Object value) {
            return new Response(status, "application/json; charset=utf-8", Jsons.write(value).getBytes(StandardCharsets.UTF_8));
        }

        static Response error(int status, String message) {
            return json(status, Map.of("error", message));
        }
    }

    /** An answer with an HTTP status other than 200. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Runs a handler and turns what it throws into an answer: an {@link HttpError} its status, a
     * {@link MynnException} (bad input mynn named) 400, with {@code {"error": "..."}}.
     */
    static Response answer(Supplier<Response> handler) {
        try {
            return handler.get();
        } catch (HttpError e) {
            return Response.error(e.status, e.getMessage());
        } catch (MynnException e) {
            return Response.error(400, e.getMessage());
        }
    }

    static void require(Request r, String expected) {
        if (!r.method().equals(expected)) {
            throw new HttpError(405, "use " + expected + " here, not " + r.method());
        }
    }

    /** A request that changes something must say it sends JSON: a form of another site cannot. */
    static void requireJson(Request r) {
        if (r.contentType() == null || !r.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "send JSON here, with Content-Type: application/json (not " + r.contentType() + ")");
        }
    }

    /** @return the body as a JSON object; @throws HttpError 400 when it is not one */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new HttpError(400, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(java.util.Locale.ROOT, " at line %d, column %d", at.getLineNr(),
                    at.getColumnNr());
            throw new HttpError(400, "the body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    ? "it ends before its last value is closed" + where : "unexpected text" + where)
                    + "; send one JSON object, e.g. {\"hidden\": [100]}");
        } catch (IOException e) {
            throw new HttpError(400, "the body cannot be read");
        }
    }

    /** The most characters of a request an error quotes back. */
    static final int QUOTED = 80;

    /** @return {@code s} cut to {@link #QUOTED} characters, so that an error never echoes a large request back */
    static String clip(String s) {
        return s.length() <= QUOTED ? s : s.substring(0, QUOTED) + "... (" + String.format(java.util.Locale.ROOT, "%,d",
                s.length()) + " characters)";
    }

    /** @return the parameters of a query string ({@code a=1&b=2}), decoded; empty for null */
    static Map<String, String> queryParameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.putIfAbsent(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "the query string is malformed: " + e.getMessage());
            }
        }
        return out;
    }

    /** @return the plugin's stable name (through {@link Plugin}: the web never reaches into the plugin packages) */
    static String name(Plugin plugin) {
        return plugin.name();
    }

    /** @return the plugins' stable names, in order */
    static List<String> names(List<? extends Plugin> plugins) {
        return plugins.stream().map(Http::name).toList();
    }
}
