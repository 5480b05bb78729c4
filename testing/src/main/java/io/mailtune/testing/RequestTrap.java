package io.mailtune.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A web server on loopback that stands for "somewhere remote": hostile content in a test points its images, style
 * sheets, scripts and forms here, and the test asserts that nothing ever arrived. Answers every request with 204 and
 * records its method and path.
 */
public final class RequestTrap implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private RequestTrap(HttpServer server) {
        this.server = server;
    }

    /** Starts a trap on a free loopback port. */
    public static RequestTrap start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            RequestTrap trap = new RequestTrap(server);
            server.createContext("/", exchange -> {
                trap.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return trap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trap's base URL, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received so far, as "METHOD /path". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
