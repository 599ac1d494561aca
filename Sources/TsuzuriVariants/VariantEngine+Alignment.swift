/// The cheapest alignment of two mora sequences: Damerau-style edit distance with weighted
/// substitutions, transpositions of neighbouring morae (or of their consonants), and one mora
/// against two (ウォ/ウオ, チャ/チュア).
struct Alignment {
    enum Operation: UInt8 {
        case start, substitute, delete, insert, transpose, splitA, splitB
    }

    struct Step {
        var op: Operation
        /// Index of the step's first mora in each spelling.
        var i: Int
        var j: Int
        var cost: Double
        var kind: VariantEdit.Kind

        /// How many morae of each spelling the step covers.
        var span: (Int, Int) {
            switch op {
            case .start: return (0, 0)
            case .substitute: return (1, 1)
            case .delete: return (1, 0)
            case .insert: return (0, 1)
            case .transpose: return (2, 2)
            case .splitA: return (1, 2)
            case .splitB: return (2, 1)
            }
        }

        func edit(_ a: [String], _ b: [String]) -> VariantEdit? {
            let (na, nb) = span
            let from = a[i..<(i + na)].joined()
            let to = b[j..<(j + nb)].joined()
            // ヂ/ジ, ヲ/オ: the same sound in other letters costs nothing but is still shown.
            if cost == 0 && (op != .substitute || from == to) { return nil }
            var kind = self.kind
            if op == .delete && kind == .inserted { kind = .deleted }
            return VariantEdit(kind: kind, from: from, to: to, cost: (cost * 1000).rounded() / 1000)
        }
    }

    var cost: Double
    var steps: [Step]
}

extension VariantEngine {
    func align(_ a: [Mora], _ b: [Mora]) -> Alignment {
        let n = a.count, m = b.count
        let width = m + 1
        var dist = [Double](repeating: .infinity, count: (n + 1) * width)
        var back = [Alignment.Operation](repeating: .start, count: (n + 1) * width)
        var kinds = [VariantEdit.Kind](repeating: .sameSound, count: (n + 1) * width)
        var stepCost = [Double](repeating: 0, count: (n + 1) * width)

        func previousVowel(_ s: [Mora], _ k: Int) -> Vowel { k > 0 ? s[k - 1].vowel : .none }

        dist[0] = 0
        for i in 0...n {
            for j in 0...m {
                let here = i * width + j
                var best = i == 0 && j == 0 ? 0 : Double.infinity
                var bestOp = Alignment.Operation.start
                var bestKind = VariantEdit.Kind.sameSound
                var bestStep = 0.0
                func consider(_ from: Int, _ step: Double, _ op: Alignment.Operation, _ kind: VariantEdit.Kind) {
                    let total = dist[from] + step
                    if total < best - 1e-12 {
                        best = total
                        bestOp = op
                        bestKind = kind
                        bestStep = step
                    }
                }
                if i > 0 && j > 0 {
                    let (c, k) = costs.substitution(
                        a[i - 1], b[j - 1], bothFinal: i == n && j == m, bothInitial: i == 1 && j == 1,
                        nextA: i < n ? a[i] : nil, nextB: j < m ? b[j] : nil,
                        previousVowelA: previousVowel(a, i - 1), previousVowelB: previousVowel(b, j - 1))
                    consider((i - 1) * width + j - 1, c, .substitute, k)
                }
                if i > 0 {
                    let (c, k) = costs.indel(a[i - 1], next: i < n ? a[i] : nil)
                    consider((i - 1) * width + j, c, .delete, k)
                }
                if j > 0 {
                    let (c, k) = costs.indel(b[j - 1], next: j < m ? b[j] : nil)
                    consider(i * width + j - 1, c, .insert, k)
                }
                if i > 1 && j > 1, let c = transposition(a[i - 2], a[i - 1], b[j - 2], b[j - 1]) {
                    consider((i - 2) * width + j - 2, c, .transpose, .transposition)
                }
                if i > 0 && j > 1, let (c, k) = split(a[i - 1], b[j - 2], b[j - 1]) {
                    consider((i - 1) * width + j - 2, c, .splitA, k)
                }
                if i > 1 && j > 0, let (c, k) = split(b[j - 1], a[i - 2], a[i - 1]) {
                    consider((i - 2) * width + j - 1, c, .splitB, k)
                }
                dist[here] = best
                back[here] = bestOp
                kinds[here] = bestKind
                stepCost[here] = bestStep
            }
        }

        var steps: [Alignment.Step] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let here = i * width + j
            let op = back[here]
            var step = Alignment.Step(op: op, i: i, j: j, cost: stepCost[here], kind: kinds[here])
            let (di, dj) = step.span
            if di == 0 && dj == 0 { break }
            i -= di
            j -= dj
            step.i = i
            step.j = j
            steps.append(step)
        }
        steps.reverse()
        return Alignment(cost: dist[n * width + m], steps: steps)
    }

    /// The cost of the cheapest alignment, or nil as soon as it is sure to exceed `limit`: the
    /// clustering judges a million candidate pairs, most of them far apart.
    func alignmentCost(_ a: [Mora], _ b: [Mora], limit: Double) -> Double? {
        let n = a.count, m = b.count
        let width = m + 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: (n + 1) * width) { dist -> Double? in
            var previousRowOver = false
            for i in 0...n {
                var rowMinimum = Double.infinity
                for j in 0...m {
                    var best = i == 0 && j == 0 ? 0 : Double.infinity
                    if i > 0 && j > 0 {
                        let c = costs.substitution(
                            a[i - 1], b[j - 1], bothFinal: i == n && j == m, bothInitial: i == 1 && j == 1,
                            nextA: i < n ? a[i] : nil, nextB: j < m ? b[j] : nil,
                            previousVowelA: i > 1 ? a[i - 2].vowel : .none,
                            previousVowelB: j > 1 ? b[j - 2].vowel : .none).0
                        best = min(best, dist[(i - 1) * width + j - 1] + c)
                    }
                    if i > 0 {
                        best = min(best, dist[(i - 1) * width + j] + costs.indel(a[i - 1], next: i < n ? a[i] : nil).0)
                    }
                    if j > 0 {
                        best = min(best, dist[i * width + j - 1] + costs.indel(b[j - 1], next: j < m ? b[j] : nil).0)
                    }
                    if i > 1 && j > 1, let c = transposition(a[i - 2], a[i - 1], b[j - 2], b[j - 1]) {
                        best = min(best, dist[(i - 2) * width + j - 2] + c)
                    }
                    if i > 0 && j > 1, let (c, _) = split(a[i - 1], b[j - 2], b[j - 1]) {
                        best = min(best, dist[(i - 1) * width + j - 2] + c)
                    }
                    if i > 1 && j > 0, let (c, _) = split(b[j - 1], a[i - 2], a[i - 1]) {
                        best = min(best, dist[(i - 2) * width + j - 1] + c)
                    }
                    dist[i * width + j] = best
                    rowMinimum = min(rowMinimum, best)
                }
                // Every path crosses one of two neighbouring rows (a step spans at most two).
                let rowOver = rowMinimum > limit
                if rowOver && previousRowOver { return nil }
                previousRowOver = rowOver
            }
            let total = dist[n * width + m]
            return total > limit ? nil : total
        }
    }

    /// Two neighbouring morae swapped (イマラチオ/イラマチオ), or their consonants swapped with the
    /// vowels in place (ヘグセス/ヘスゲス).
    private func transposition(_ x1: Mora, _ x2: Mora, _ y1: Mora, _ y2: Mora) -> Double? {
        if x1.sounds(like: x2) { return nil }
        if x1.sounds(like: y2) && x2.sounds(like: y1) {
            // ミント/ミトン: moving ン, ー or ッ is not a transposition of syllables.
            return x1.isPlain && x2.isPlain ? costs.transposedMorae : nil
        }
        guard x1.isPlain, x2.isPlain, y1.isPlain, y2.isPlain,
              x1.vowel == y1.vowel, x2.vowel == y2.vowel,
              x1.consonant != x2.consonant, x1.consonant != y1.consonant else { return nil }
        func near(_ p: Consonant, _ q: Consonant) -> Double? {
            if p == q { return 0 }
            return costs.consonant(p, q).map(\.0)
        }
        guard let c1 = near(x1.consonant, y2.consonant), let c2 = near(x2.consonant, y1.consonant) else { return nil }
        return costs.transposedConsonants + c1 + c2
    }

    private static let palatal: Set<Consonant> = [.sh, .j, .ch, .ky, .gy, .ny, .hy, .by, .py, .my, .ry, .ty, .dy, .fy, .vy]

    /// One mora against two: a small kana written large (ウォ/ウオ, ビョ/ビヨ, ティ/テイ), or a
    /// palatal glide written out (チャ/チュア, シャ/シュア).
    private func split(_ x: Mora, _ y1: Mora, _ y2: Mora) -> (Double, VariantEdit.Kind)? {
        var best: Double?
        if let (first, second) = x.split {
            let (c1, k1) = costs.substitution(first, y1, bothFinal: false, previousVowelA: .none, previousVowelB: .none)
            let (c2, k2) = costs.substitution(second, y2, bothFinal: false, previousVowelA: first.vowel, previousVowelB: y1.vowel)
            if !k1.makesDifferentWord && !k2.makesDifferentWord && c1 + c2 < 0.5 {
                best = costs.smallKana + c1 + c2
            }
        }
        if Self.palatal.contains(x.consonant), x.vowel != .u, y1.consonant == x.consonant, y1.vowel == .u,
           y2.consonant == .none, y2.vowel == x.vowel {
            best = min(best ?? .infinity, 0.2)
        }
        return best.map { ($0, .smallKana) }
    }
}
