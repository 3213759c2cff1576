// The API docs page: Swagger UI from the installed swagger-ui-dist package, no CDN.
window.addEventListener("load", () => {
  if (!window.SwaggerUIBundle) {
    document.querySelector("#swagger").textContent = "Swagger UI is not installed: run 'python -m wirewatch.web.build'. The OpenAPI document is at /api/openapi.json.";
    return;
  }
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger", deepLinking: true });
});
