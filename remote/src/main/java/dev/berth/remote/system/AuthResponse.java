package dev.berth.remote.system;

/**
 * {@code POST /auth}: "Login Succeeded", and an identity token when the registry hands one out (to be stored instead
 * of the password).
 */
public record AuthResponse(String status, String identityToken) {
}
