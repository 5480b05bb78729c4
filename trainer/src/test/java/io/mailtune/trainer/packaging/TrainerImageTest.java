package io.mailtune.trainer.packaging;

import io.mailtune.testing.packaging.ServiceImage;
import io.mailtune.testing.packaging.ServiceImageContract;
import io.mailtune.trainer.service.TrainerProperties;

/** docker/trainer/Dockerfile and the compose file's {@code trainer} service match the trainer's code. */
class TrainerImageTest extends ServiceImageContract {

    private static final ServiceImage IMAGE = ServiceImage.of("trainer", TrainerProperties.all());

    @Override
    protected ServiceImage image() {
        return IMAGE;
    }

    @Override
    protected int httpPort() {
        return 8091;
    }
}
