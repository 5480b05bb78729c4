package io.mailtune.ops.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A reviewer's tools polling the agent without pause: the queue, the status and the desk page, every failure kept. */
final class SteadyRequests implements AutoCloseable {

    private static final List<String> PATHS = List.of("/api/drafts?limit=20", "/api/status", "/q/health/ready");

    private final ServiceProcess agent;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    /** What was sent and what failed. */
    record Result(int requests, List<String> failures) {
    }

    private SteadyRequests(ServiceProcess agent) {
        this.agent = agent;
        this.thread = new Thread(this::loop, "steady-requests");
    }

    /** Starts polling. */
    static SteadyRequests start(ServiceProcess agent) {
        SteadyRequests steady = new SteadyRequests(agent);
        steady.thread.start();
        return steady;
    }

    private void loop() {
        int i = 0;
        while (running.get()) {
            String path = PATHS.get(i++ % PATHS.size());
            try {
                int status = agent.get(path).statusCode();
                if (status != 200) {
                    failures.add(path + " answered " + status);
                }
            } catch (Exception e) {
                failures.add(path + " failed: " + e);
            }
            requests.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops polling and says how it went. */
    Result stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return new Result(requests.get(), List.copyOf(failures));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
