package io.mailtune.ingest.gateway;

import io.mailtune.core.contract.Topics;
import io.mailtune.ingest.pipeline.InboundPublisher;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Stops its own process with SIGSTOP while a mailbox's Kafka transaction is open (inside {@code send}, before the
 * commit), once the file named by {@value #STALL_FILE_PROPERTY} appears: a stalled owner, caught at the worst moment.
 * It prints {@code stalling <mailbox>} first, and {@code resumed <mailbox>} after a SIGCONT.
 */
public final class StallingInterceptor implements ProducerInterceptor<String, byte[]> {

    /** System property naming the file whose appearance stops the process. */
    public static final String STALL_FILE_PROPERTY = "mailtune.test.stallFile";

    @Override
    public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
        Path trigger = Path.of(System.getProperty(STALL_FILE_PROPERTY));
        try {
            if (record.topic().equals(Topics.INBOUND.name()) && Files.deleteIfExists(trigger)) {
                String mailbox = new String(record.headers().lastHeader(InboundPublisher.MAILBOX_HEADER).value(), StandardCharsets.UTF_8);
                System.out.println("stalling " + mailbox);
                System.out.flush();
                new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                System.out.println("resumed " + mailbox);
                System.out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
