/** The {@code index}, {@code search} and {@code evaluate} command line. */
package io.mailtune.retrieval.cli;
