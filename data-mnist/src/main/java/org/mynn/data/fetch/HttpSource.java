package org.mynn.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An HTTP(S) mirror serving {@code <base>/<name>.gz}, as MNIST's usual mirrors do. */
public final class HttpSource implements FetchSource {

    private final URI base;
    private final Duration timeout;

    /**
     * @param base    e.g. {@code https://example.org/mnist/}; a missing final slash is added
     * @param timeout for connecting and for each read
     */
    public HttpSource(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void fetch(RemoteFile file, Path dest, ProgressListener progress) throws IOException {
        URI uri = base.resolve(file.name() + ".gz");
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("not an HTTP URL: " + uri);
        }
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setInstanceFollowRedirects(true);
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " for " + uri);
            }
            long length = c.getContentLengthLong();
            progress.started(file.name() + ".gz", length);
            long got = 0;
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(dest)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    got += n;
                    progress.advanced(n);
                }
            } finally {
                progress.finished();
            }
            if (length >= 0 && got != length) {
                throw new IOException("transfer of " + uri + " ended after " + got + " of " + length + " bytes");
            }
        } catch (UnknownHostException e) {
            throw new IOException("host not found: " + uri.getHost());
        } catch (ConnectException e) {
            throw new IOException("cannot connect to " + uri.getHost() + " (" + e.getMessage() + ")");
        } catch (SocketTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s reading " + uri);
        } finally {
            c.disconnect();
        }
    }
}
