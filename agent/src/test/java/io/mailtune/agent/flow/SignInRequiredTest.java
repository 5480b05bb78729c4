package io.mailtune.agent.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route but sign-in and health needs a session: the REST operations are enumerated from the OpenAPI document,
 * the desk's pages from their resource classes, every other route from the HTTP router, and each is called without
 * credentials.
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class SignInRequiredTest {

    private static final Set<String> PUBLIC = Set.of("/login", "/j_security_check", "/q/health", "/q/health/live",
            "/q/health/ready", "/q/health/started", "/q/health/well", "/desk/desk.css", "/desk/favicon.svg");

    @Inject
    Router router;

    @Test
    void everyRestOperationRefusesARequestWithoutASession() {
        JsonPath openapi = Desk.admin().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        assertTrue(paths.size() >= 12, "the OpenAPI document lists the API: " + paths.keySet());
        List<String> open = new ArrayList<>();
        for (var path : paths.entrySet()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "0");
            for (String method : path.getValue().keySet()) {
                Response r = RestAssured.given().redirects().follow(false).contentType("application/json").body("{}")
                        .request(method.toUpperCase(java.util.Locale.ROOT), concrete);
                if (!refused(r)) {
                    open.add(method + " " + concrete + " -> " + r.statusCode());
                }
            }
        }
        assertEquals(List.of(), open, "operations answered without a session");
    }

    @Test
    void everyDeskPageAndActionRefusesARequestWithoutASession() {
        List<DeskRoutes.Route> pages = DeskRoutes.all();
        assertTrue(pages.size() >= 14, "the desk's routes: " + pages);
        List<String> open = new ArrayList<>();
        for (DeskRoutes.Route page : pages) {
            if (page.path().equals("/login")) {
                continue;
            }
            Response r = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("version", "1").request(page.method(), page.path().replaceAll("\\{[^}]+}", "0"));
            if (!refused(r)) {
                open.add(page + " -> " + r.statusCode());
            }
        }
        assertEquals(List.of(), open, "desk routes answered without a session");
        Response signIn = RestAssured.given().redirects().follow(false).get("/login");
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.header("Content-Security-Policy").contains("script-src 'self'"), signIn.headers().toString());
    }

    @Test
    void aDeskFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        Response signIn = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", AgentTestResources.ADMIN_PASSWORD)
                .post("/j_security_check");
        String session = signIn.getCookie("quarkus-credential");
        Response page = RestAssured.given().cookie("quarkus-credential", session).get("/");
        assertEquals(200, page.statusCode());
        String csrf = page.getCookie("csrf-token");
        assertTrue(csrf != null && page.asString().contains(csrf), "the page carries the CSRF token of its cookie");
        RestAssured.given().redirects().follow(false).cookie("quarkus-credential", session).cookie("csrf-token", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("version", "1")
                .post("/drafts/no-such-draft/approve").then().statusCode(400);
        RestAssured.given().redirects().follow(false).cookie("quarkus-credential", session).cookie("csrf-token", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("version", "1").formParam("csrf-token", "forged")
                .post("/drafts/no-such-draft/approve").then().statusCode(400);
        RestAssured.given().redirects().follow(false).cookie("quarkus-credential", session).cookie("csrf-token", csrf)
                .header("X-CSRF-TOKEN", "forged").put("/drafts/no-such-draft/presence").then().statusCode(400);
        RestAssured.given().redirects().follow(false).cookie("quarkus-credential", session).cookie("csrf-token", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("version", "1").formParam("csrf-token", csrf)
                .post("/drafts/no-such-draft/approve").then().statusCode(404);
    }

    @Test
    void everyOtherRouteButSignInAndHealthRefusesARequestWithoutASession() {
        Set<String> routes = new TreeSet<>(List.of("/", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/api/drafts",
                "/desk/desk.js", "/webjars/htmx.org/dist/htmx.min.js", "/desk/desk.css"));
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null) {
                routes.add(route.getPath().replaceAll(":[^/]+", "0"));
            }
        }
        List<String> open = new ArrayList<>();
        for (String path : routes) {
            Response r = RestAssured.given().redirects().follow(false).get(path);
            boolean isPublic = PUBLIC.contains(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
            if (!isPublic && !refused(r)) {
                open.add(path + " -> " + r.statusCode());
            }
        }
        assertEquals(List.of(), open, "routes answered without a session");
        RestAssured.given().get("/q/health").then().statusCode(200);
        RestAssured.given().get("/login").then().statusCode(200);
        RestAssured.given().get("/desk/desk.css").then().statusCode(200);
    }

    @Test
    void aWrongPasswordIsRefusedAndAFormSignInOpensASession() {
        RestAssured.given().auth().preemptive().basic("admin", "not-the-password").get("/api/me").then().statusCode(401);
        Response signIn = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", AgentTestResources.ADMIN_PASSWORD)
                .post("/j_security_check");
        String cookie = signIn.getCookie("quarkus-credential");
        assertTrue(cookie != null && !cookie.isBlank(), "a session cookie after signing in: " + signIn.headers());
        RestAssured.given().cookie("quarkus-credential", cookie).get("/api/me").then().statusCode(200);
    }

    @Test
    void onlyAnAdminCreatesUsersAndAReviewerCanWorkTheQueue() {
        Desk.admin().body(Map.of("username", "rita", "password", "rita-password-1", "role", "reviewer")).post("/api/users")
                .then().statusCode(201);
        Desk.as("rita", "rita-password-1").get("/api/drafts").then().statusCode(200);
        Desk.as("rita", "rita-password-1").body(Map.of("username", "eve", "password", "eve-password-1", "role", "admin"))
                .post("/api/users").then().statusCode(403);
        Desk.admin().body(Map.of("username", "bob", "password", "short", "role", "reviewer")).post("/api/users").then().statusCode(400);
    }

    private static boolean refused(Response r) {
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return true;
        }
        String location = r.header("Location");
        return r.statusCode() == 302 && location != null && location.endsWith("/login");
    }
}
