package org.mynn.cli.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Who the server answers, and the headers every answer carries ({@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store}): the handler around all the others. Bound to this computer only (the default), it
 * answers requests addressed to it by its loopback names ({@code Host: 127.0.0.1:PORT}, {@code localhost:PORT},
 * {@code [::1]:PORT}), so that a page of another site cannot reach it through a DNS name that points here (DNS
 * rebinding); others get 421. Opened with {@code --host}, it answers whatever name it is reached by. In both cases a
 * request to the API that changes something (not GET or HEAD) is refused with 403 when it comes from a page of another
 * origin (a browser says so in {@code Origin}); one to the lab ({@code /api/lab/...}) also without the server's token in
 * {@value #TOKEN_HEADER}, which only a page of this server can read (a page of another site cannot read the answer of
 * {@code GET /api/lab/token}), so that another page cannot start, stop or steer a run.
 */
final class Guard extends Handler.Wrapper {

    /** The header that carries the lab's token. */
    static final String TOKEN_HEADER = "X-Mynn-Token";

    private final boolean loopbackOnly;
    private final byte[] token;

    /**
     * @param host  the address the server listens on
     * @param token the secret a request that changes the lab must carry in {@value #TOKEN_HEADER}; null without a lab
     */
    Guard(String host, String token, Handler handler) {
        super(handler);
        this.loopbackOnly = isLoopback(host);
        this.token = token == null ? null : token.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String host = request.getHeaders().get(HttpHeader.HOST);
        String refused = checkHost(host, Request.getLocalPort(request));
        if (refused != null) {
            refuse(request, response, callback, 421, refused);
            return true;
        }
        String method = request.getMethod();
        if (Request.getPathInContext(request).startsWith("/api/") && !method.equals("GET") && !method.equals("HEAD")) {
            refused = checkOrigin(request.getHeaders().get(HttpHeader.ORIGIN), host);
            if (refused == null && Request.getPathInContext(request).startsWith("/api/lab/")) {
                refused = checkToken(request.getHeaders().get(TOKEN_HEADER));
            }
            if (refused != null) {
                refuse(request, response, callback, 403, refused);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * Refuses a request before its body is read, and closes the connection after the answer: a client must not send its
     * next request on a connection that still carries this one's unread body (it would find the connection gone).
     */
    private static void refuse(Request request, Response response, Callback callback, int status, String why) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Endpoint.send(request, response, callback, Http.Response.error(status, why));
    }

    /**
     * @param host a request's Host header
     * @param port the port it reached
     * @return null when the request may be answered, else why not
     */
    String checkHost(String host, int port) {
        if (!loopbackOnly) {
            return null;
        }
        if (host == null) {
            return "a request needs a Host header";
        }
        String h = host.toLowerCase(Locale.ROOT);
        Set<String> ok = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        if (ok.contains(h)) {
            return null;
        }
        return "this server answers only to 127.0.0.1:" + port + " and localhost:" + port + " (it was reached as '" + host
                + "'); start it with --host to open it to other names";
    }

    /** @return null when a lab request carries the server's token, else why it is refused */
    String checkToken(String given) {
        if (token == null) {
            return null;
        }
        if (given != null && java.security.MessageDigest.isEqual(token,
                given.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return null;
        }
        return "a request that changes the lab must carry this server's token in " + TOKEN_HEADER + " (the lab's page gets"
                + " it from GET /api/lab/token); reload the page";
    }

    /** @return null when a request with this Origin (may be null: not a browser's page) and Host may change things */
    static String checkOrigin(String origin, String host) {
        if (origin == null) {
            return null;
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            if ("http".equals(o.getScheme()) && authority != null && host != null && authority.equalsIgnoreCase(host)) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        return "a page of another site (" + origin + ") may not change this server; use the page it serves";
    }
}
