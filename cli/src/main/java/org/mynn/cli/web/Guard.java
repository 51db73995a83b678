package org.mynn.cli.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Who the server answers. Bound to this computer only (the default), it answers requests addressed to it by its
 * loopback names ({@code Host: 127.0.0.1:PORT}, {@code localhost:PORT}, {@code [::1]:PORT}), so that a page of another
 * site cannot reach it through a DNS name that points here (DNS rebinding). Opened with {@code --host}, it answers
 * whatever name it is reached by. In both cases a request that changes something is refused when it comes from a page
 * of another origin (a browser says so in {@code Origin}).
 */
final class Guard {

    private final boolean loopbackOnly;
    private int port;

    Guard(String host) {
        this.loopbackOnly = isLoopback(host);
    }

    void port(int p) {
        this.port = p;
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

    /** @return null when {@code host} (a request's Host header) may be answered, else why not */
    String checkHost(String host) {
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

    /** @return null when a request with this Origin (may be null: not a browser's page) and Host may change things */
    String checkOrigin(String origin, String host) {
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
