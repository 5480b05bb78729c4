package io.mailtune.model.tokenizer;

import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.tokenizer.jinja.JinjaRenderer;
import io.mailtune.model.tokenizer.jinja.JinjaRenderer.TemplateException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's own Jinja chat template, rendered as {@code transformers}' {@code apply_chat_template(messages,
 * add_generation_prompt=True, tokenize=False)} renders it: the messages as {@code role}/{@code content} maps, the
 * checkpoint's named special tokens ({@code bos_token}, {@code eos_token}, ...), no tools or documents,
 * {@code raise_exception} and {@code strftime_now} (local time). Checked when loaded: a template the renderer cannot
 * run, or that refuses a system + user conversation, fails there, naming the construct.
 */
public final class JinjaChatTemplate implements ChatTemplate {

    /** How to replace a template Mailtune cannot run; part of every load error. */
    static final String USE_A_PRESET = "Load the checkpoint with a preset instead: "
            + "LoadOptions.defaults().withTemplate(ChatTemplate.CHATML) (or ChatTemplate.LLAMA3, or "
            + "new PresetTemplate(prefix, messageFormat, generationPrompt, endOfTurn)); on the command line, "
            + "--template chatml|llama3";

    // An assistant reply whose end shows the end-of-turn token the template writes after it.
    private static final String PROBE = "Mailtune probe reply";

    private final String text;
    private final String origin;
    private final Map<String, String> specialTokens;
    private final JinjaRenderer renderer;
    private final String endOfTurn;

    private JinjaChatTemplate(String text, String origin, Map<String, String> specialTokens, JinjaRenderer renderer,
                              String endOfTurn) {
        this.text = text;
        this.origin = origin;
        this.specialTokens = specialTokens;
        this.renderer = renderer;
        this.endOfTurn = endOfTurn;
    }

    /**
     * Checks and prepares a template.
     *
     * @param text          the Jinja source
     * @param origin        the file it came from, for messages
     * @param specialTokens the checkpoint's named special tokens, as template variables
     * @param addedTokens   the tokenizer's added tokens, to find the end-of-turn token among
     * @param clock         what {@code strftime_now} reads
     * @throws UnsupportedModelException when the template cannot be rendered as transformers renders it
     */
    public static JinjaChatTemplate compile(String text, String origin, Map<String, String> specialTokens,
                                            Collection<String> addedTokens, Clock clock) {
        JinjaRenderer renderer = JinjaRenderer.create(clock);
        List<String> unsupported = renderer.unsupportedConstructs(text);
        if (!unsupported.isEmpty()) {
            throw new UnsupportedModelException("the chat template in " + origin + " uses "
                    + String.join(", ", unsupported) + ", which Mailtune's Jinja renderer cannot run as "
                    + "transformers does. " + USE_A_PRESET);
        }
        // Renders at one instant, so that a date in the template is the same in every probe.
        JinjaChatTemplate probe = new JinjaChatTemplate(text, origin, Map.copyOf(specialTokens),
                JinjaRenderer.create(Clock.fixed(Instant.now(clock), clock.getZone())), "");
        String system = "You answer support email.";
        String user = "Where is my order?";
        String prompt = probe.check(List.of(ChatMessage.system(system), ChatMessage.user(user)), true);
        if (!prompt.contains(system) || !prompt.contains(user)) {
            throw new UnsupportedModelException("the chat template in " + origin + " leaves out the system or the user "
                    + "message of a system + user conversation (it rendered '" + prompt + "'). " + USE_A_PRESET);
        }
        probe.check(List.of(ChatMessage.user(user)), true);
        String endOfTurn = probe.endOfTurn(addedTokens, specialTokens.getOrDefault("eos_token", ""));
        return new JinjaChatTemplate(text, origin, Map.copyOf(specialTokens), renderer, endOfTurn);
    }

    private String check(List<ChatMessage> messages, boolean addGenerationPrompt) {
        try {
            return renderOrFail(messages, addGenerationPrompt);
        } catch (TemplateException e) {
            String what = e.raised() ? "refuses a conversation of " + roles(messages) + " with '" + e.getMessage() + "'"
                    : "cannot be run: " + e.getMessage() + (e.line() > 0 ? " (line " + e.line() + ")" : "");
            throw new UnsupportedModelException("the chat template in " + origin + " " + what + ". " + USE_A_PRESET, e);
        }
    }

    // The added token the template writes right after an assistant reply, else the checkpoint's eos_token.
    private String endOfTurn(Collection<String> addedTokens, String eosToken) {
        String conversation;
        try {
            conversation = renderOrFail(List.of(ChatMessage.user("Hello"), ChatMessage.assistant(PROBE)), false);
        } catch (TemplateException e) {
            return eosToken;
        }
        int at = conversation.lastIndexOf(PROBE);
        if (at < 0) {
            return eosToken;
        }
        String after = conversation.substring(at + PROBE.length());
        String best = "";
        for (String token : addedTokens) {
            if (!token.isEmpty() && after.startsWith(token) && token.length() > best.length()) {
                best = token;
            }
        }
        return best.isEmpty() ? eosToken : best;
    }

    private static String roles(List<ChatMessage> messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.role()));
        return String.join(" + ", roles);
    }

    @Override
    public String render(List<ChatMessage> messages) {
        return render(messages, true);
    }

    /**
     * The template's rendering of a conversation; {@code addGenerationPrompt} opens the assistant's turn.
     *
     * @throws IllegalArgumentException when the template refuses the conversation ({@code raise_exception}) or
     *                                  fails on it, with the template's message
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        try {
            return renderOrFail(messages, addGenerationPrompt);
        } catch (TemplateException e) {
            throw new IllegalArgumentException("the chat template in " + origin + (e.raised() ? " refused " : " failed on ")
                    + "a conversation of " + roles(messages) + ": " + e.getMessage(), e);
        }
    }

    private String renderOrFail(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            list.add(message);
        }
        Map<String, Object> variables = new LinkedHashMap<>(specialTokens);
        variables.put("messages", list);
        variables.put("add_generation_prompt", addGenerationPrompt);
        return renderer.render(text, variables);
    }

    @Override
    public String endOfTurn() {
        return endOfTurn;
    }

    @Override
    public String source() {
        return origin + " (Jinja, " + text.length() + " characters)";
    }

    /** The Jinja source. */
    public String text() {
        return text;
    }

    /** The special tokens passed to the template as variables. */
    public Map<String, String> specialTokens() {
        return specialTokens;
    }
}
