package io.mailtune.demo.brightcart;

/**
 * One approved reply that staff changed into their new house style, as the loop's style-shift test consumes it.
 *
 * @param supportCase the customer email
 * @param draft       the reply as drafted in the old style (the case's gold reply)
 * @param approved    the same content as staff approved it, in the new style
 */
public record StyleEdit(SupportCase supportCase, String draft, String approved) {
}
