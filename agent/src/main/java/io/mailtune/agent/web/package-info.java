/**
 * The review desk's server-rendered pages (Qute templates, htmx, CSRF-protected forms) go here, calling the same
 * beans as the REST API in {@code io.mailtune.agent.api}. Pages are signed in like every route but sign-in and health.
 */
package io.mailtune.agent.web;
