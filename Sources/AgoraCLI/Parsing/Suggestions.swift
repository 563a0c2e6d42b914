/// "Did you mean" suggestions for mistyped commands and options.
enum Suggestions {
    /// The candidates closest to `word`, best first: an edit distance of at most a third of
    /// its length (at least 1 and at most 3), or a candidate that starts with it.
    static func closest(to word: String, among candidates: [String]) -> [String] {
        let limit = min(3, max(1, word.count / 3))
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit { return (candidate, distance) }
            if word.count >= 2, candidate.hasPrefix(word) { return (candidate, limit + 1) }
            return nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// A sentence to add to an error, or an empty string: ` (did you mean 'publish'?)`.
    static func hint(for word: String, among candidates: [String], prefix: String = "") -> String {
        let found = closest(to: word, among: candidates).prefix(2).map { "'\(prefix)\($0)'" }
        guard !found.isEmpty else { return "" }
        return "; did you mean \(found.joined(separator: " or "))?"
    }

    /// The Damerau–Levenshtein (optimal string alignment) distance: a swap of two letters counts once.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { rows[i][0] = i }
        for j in 0...y.count { rows[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = best
            }
        }
        return rows[x.count][y.count]
    }
}
