package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;

/** The functions HuggingFace adds to every chat template's globals. */
public final class HfGlobals {

    private HfGlobals() {
    }

    /** {@code raise_exception(message)}: the template refuses the conversation. */
    public static String raiseException(Object message) {
        throw new TemplateRaisedException(String.valueOf(message));
    }

    /**
     * {@code strftime_now(format)}: the current local time in Python's strftime format (English month and day names,
     * as Python's C locale), from the renderer's clock.
     */
    public static String strftimeNow(String format) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        var config = interpreter.getConfig();
        ZonedDateTime now = Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis())
                .atZone(config.getTimeZone());
        return StrftimeFormatter.format(now, format, Locale.ENGLISH);
    }

    /** What {@code raise_exception} throws; the renderer reports its message. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
