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
 * {@code /} (the page), {@code /index.html}, {@code /app.js}, {@code /lab.js}, {@code /style.css}, each with its
 * content type in UTF-8 and a Content-Security-Policy that lets the page load only its own files; nothing else is
 * served as a file (404), and only to GET and HEAD (405).
 */
final class Assets extends ResourceHandler {

    /** The paths served. */
    static final Set<String> PATHS = Set.of("/", "/index.html", "/app.js", "/lab.js", "/style.css");
    private static final String FOLDER = "static/";

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
        if (!PATHS.contains(path)) {
            return text(request, response, callback, 404, "not found\n");
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(request, response, callback, 405, "use GET\n");
        }
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:");
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
