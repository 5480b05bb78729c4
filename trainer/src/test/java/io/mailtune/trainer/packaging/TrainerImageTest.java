package io.mailtune.trainer.packaging;

import io.mailtune.testing.config.Repository;
import io.mailtune.testing.packaging.ServiceImage;
import io.mailtune.testing.packaging.ServiceImageContract;
import io.mailtune.trainer.service.TrainerProperties;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** docker/trainer/Dockerfile and the compose file's {@code trainer} service match the trainer's code. */
class TrainerImageTest extends ServiceImageContract {

    static ServiceImage image;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = TrainerImageTest.class.getResourceAsStream("/application.properties")) {
            image = new ServiceImage(Repository.root(), "trainer", "trainer", TrainerProperties.all(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    protected ServiceImage image() {
        return image;
    }

    @Override
    protected int httpPort() {
        return 8091;
    }
}
