package org.mynn.cli.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The page's files, served by Jetty's {@link ResourceHandler} from the class path ({@code org/mynn/cli/web/static/}):
 * {@code /} (the drawing page), {@code /index.html}, {@code /app.js}, {@code /style.css}, the lab's page {@code /lab}
 * and its scripts and style, and uPlot (the lab's charts) from its WebJar under {@code /vendor/}, each with its content
 * type in UTF-8 and a Content-Security-Policy that lets the page load only its own files; nothing else is
 * served as a file (404), and only to GET and HEAD (405).
 */
final class Assets extends ResourceHandler {

    /** The paths served. */
    static final Set<String> PATHS = Set.of("/", "/index.html", "/app.js", "/lab.html", "/lab.js", "/lab-charts.js",
            "/lab-runs.js", "/lab-net.js", "/lab-math.js", "/lab.css", "/style.css");
    private static final String FOLDER = "static/";
    /** The WebJar's folder of uPlot (the version is the one the build pins). */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/";

    /** @return the version of an npm WebJar on the class path, from its Maven properties (the pom pins it) */
    private static String webJarVersion(String name) {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + name
                + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + name + " is missing from the class path");
            }
            p.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the WebJar " + name + " cannot be read", e);
        }
        return p.getProperty("version");
    }

    /** Served from memory: {@code /lab} (the lab's page) and uPlot's script, style and licence, from its WebJar. */
    private final Map<String, Http.Response> memory = Map.of(
            "/lab", load(Assets.class.getResource(FOLDER + "lab.html"), "text/html; charset=utf-8"),
            "/vendor/uPlot.iife.min.js", load(Assets.class.getResource(UPLOT + "dist/uPlot.iife.min.js"),
                    "text/javascript; charset=utf-8"),
            "/vendor/uPlot.min.css", load(Assets.class.getResource(UPLOT + "dist/uPlot.min.css"), "text/css; charset=utf-8"),
            "/vendor/uPlot-LICENSE", load(Assets.class.getResource(UPLOT + "LICENSE"), "text/plain; charset=utf-8"));

    private static Http.Response load(URL url, String type) {
        if (url == null) {
            throw new IllegalStateException("a file of the page is missing from the class path (the lab or uPlot's WebJar)");
        }
        try (java.io.InputStream in = url.openStream()) {
            return new Http.Response(200, type, in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a file of the page cannot be read: " + url, e);
        }
    }

    /** @return the paths served from memory ({@code /lab}, {@code /vendor/...}) */
    Set<String> memoryPaths() {
        return memory.keySet();
    }

    /** The content types, spelled as the page has always been served (Jetty's own spelling has no space). */
    private static final Map<String, HttpField> TYPES = Map.of(
            "html", new HttpField(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8"),
            "js", new HttpField(HttpHeader.CONTENT_TYPE, "text/javascript; charset=utf-8"),
            "css", new HttpField(HttpHeader.CONTENT_TYPE, "text/css; charset=utf-8"));

    /** @param resources mounts the class path's folder (a jar's, when mynn runs from one) for as long as the server runs */
    Assets(ResourceFactory resources) {
        setBaseResource(resources.newResource(folder()));
        setDirAllowed(false);
        setWelcomeFiles("index.html");
        setWelcomeMode(ResourceService.WelcomeMode.SERVE);
    }

    /** @return the folder of the page's files, found through one of them (a class loader may not list folders) */
    private static URI folder() {
        URL page = Assets.class.getResource(FOLDER + "index.html");
        if (page == null) {
            throw new IllegalStateException("the page's files are missing from the class path (" + FOLDER + "index.html)");
        }
        String s = page.toString();
        try {
            return new URI(s.substring(0, s.length() - "index.html".length()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the page's folder cannot be named: " + s, e);
        }
    }

    @Override
    protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized buffers) {
        HttpContent.Factory files = super.newHttpContentFactory(buffers);
        return path -> {
            HttpContent c = files.getContent(path);
            HttpField type = c == null ? null : TYPES.get(path.substring(path.lastIndexOf('.') + 1));
            return type == null ? c : new HttpContent.Wrapper(c) {
                @Override
                public HttpField getContentType() {
                    return type;
                }

                @Override
                public String getContentTypeValue() {
                    return type.getValue();
                }
            };
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Http.Response kept = memory.get(path);
        if (!PATHS.contains(path) && kept == null) {
            return text(request, response, callback, 404, "not found\n");
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(request, response, callback, 405, "use GET\n");
        }
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:");
        if (kept != null) {
            Endpoint.send(request, response, callback, kept);
            return true;
        }
        if (super.handle(request, response, callback)) {
            return true;
        }
        response.getHeaders().remove("Content-Security-Policy");
        return text(request, response, callback, 500, "the page cannot be read\n");
    }

    private static boolean text(Request request, Response response, Callback callback, int status, String body) {
        Endpoint.send(request, response, callback, new Http.Response(status, "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8)));
        return true;
    }
}
