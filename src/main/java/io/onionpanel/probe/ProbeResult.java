package io.onionpanel.probe;

import java.util.List;

/**
 * A finished run: what was asked (secret headers masked), each attempt, the summary and the verdict.
 *
 * @param verdictText the verdict in words, with counts and the detail of the dominant failure
 */
public record ProbeResult(String startedAt, String url, ProbeRequest request, ProbeOptions options,
                          List<ProbeAttempt> attempts, ProbeSummary summary, ProbeVerdict verdict, String verdictText) {
    public ProbeResult {
        request = request.masked();
        attempts = List.copyOf(attempts);
    }

    public boolean allOk() {
        return summary.count() > 0 && summary.ok() == summary.count();
    }
}
