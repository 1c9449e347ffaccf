package org.hlsgateway.testsupport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's OpenAPI document read by swagger-parser (a real OpenAPI 3 validator), and what an
 * integrator needs of it beyond validity: every operation with a summary, a unique operationId and
 * responses of its own, each described; HTTP Basic exactly on {@code /api}, with its 401.
 */
public final class OpenApiDocument {

    /** Payara adds a top-level {@code endpoints} map of its own to every document; nothing can leave it out. */
    static final String PAYARA_ENDPOINTS = "attribute endpoints is unexpected";

    public final OpenAPI api;
    /** The validator's messages, Payara's {@code endpoints} excepted. */
    public final List<String> problems;

    private OpenApiDocument(OpenAPI api, List<String> problems) {
        this.api = api;
        this.problems = problems;
    }

    public static OpenApiDocument parse(String yamlOrJson) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // the document as served, references included
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yamlOrJson, null, options);
        List<String> problems = new ArrayList<>(parsed.getMessages() == null ? List.of() : parsed.getMessages());
        problems.remove(PAYARA_ENDPOINTS);
        if (parsed.getOpenAPI() == null) {
            problems.add("no document: " + yamlOrJson.substring(0, Math.min(300, yamlOrJson.length())));
        }
        return new OpenApiDocument(parsed.getOpenAPI(), problems);
    }

    public int operations() {
        return api.getPaths().values().stream().mapToInt(p -> p.readOperations().size()).sum();
    }

    /** What an operation lacks, one line each; empty when every operation is fully described. */
    public List<String> faults() {
        List<String> faults = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String name = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                    faults.add(name + ": no summary");
                }
                if (operation.getOperationId() == null || !operationIds.add(operation.getOperationId())) {
                    faults.add(name + ": operationId missing or not unique: " + operation.getOperationId());
                }
                if (operation.getResponses() == null || operation.getResponses().isEmpty()
                        || operation.getResponses().containsKey("default")) {
                    faults.add(name + ": no responses of its own: " + operation.getResponses());
                    continue;
                }
                operation.getResponses().forEach((status, answer) -> {
                    if (!described(answer)) {
                        faults.add(name + " " + status + ": no description");
                    }
                });
                faults.addAll(security(name, path.getKey(), operation));
            }
        }
        return faults;
    }

    private boolean described(ApiResponse answer) {
        ApiResponse response = answer.get$ref() == null ? answer
                : api.getComponents().getResponses().get(answer.get$ref().replace("#/components/responses/", ""));
        return response != null && response.getDescription() != null && !response.getDescription().isBlank();
    }

    private List<String> security(String name, String path, Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
        boolean basic = security != null && security.stream().anyMatch(r -> r.containsKey("basic"));
        List<String> faults = new ArrayList<>();
        if (path.startsWith("/api/") != basic) {
            faults.add(name + ": HTTP Basic is " + (basic ? "" : "not ") + "required: " + security);
        }
        if (basic && !operation.getResponses().containsKey("401")) {
            faults.add(name + ": needs Basic but documents no 401");
        }
        if (!basic && (security == null || security.stream().noneMatch(Map::isEmpty))) {
            faults.add(name + ": public channels need no credentials, but the document requires some: " + security);
        }
        return faults;
    }
}
