package io.gridshift.starter.server;

import java.util.List;

/**
 * Every error the API answers: {@code {"code": 422, "message": "...", "problems": ["...", ...]}}.
 *
 * @param code the HTTP status
 * @param message what happened and what to do
 * @param problems every problem found (an invalid request lists them all), possibly empty
 */
public record ErrorBody(int code, String message, List<String> problems) {
  public ErrorBody {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
