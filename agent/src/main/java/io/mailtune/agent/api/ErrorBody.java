package io.mailtune.agent.api;

/**
 * What a failed API call answers.
 *
 * @param error          what went wrong, in words
 * @param currentVersion for a version conflict, the draft's version now
 */
public record ErrorBody(String error, Long currentVersion) {
}
