// The Swift conformance test of the paysel bindings: the same vectors
// (tests/vectors/*.json, analytics events included) and UA corpus
// (tests/ua/*.jsonl) as every other platform, plus the typed policy, typed
// errors and threads. Run on a Mac after ./build-xcframework.sh with:
// swift test

import Foundation
import XCTest
import Paysel

/// The repository root: this file is bindings-mobile/ios/Tests/PayselTests/.
private let repoRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { url.deleteLastPathComponent() }
    return url
}()

private func files(in folder: String, withExtension ext: String) throws -> [URL] {
    let dir = repoRoot.appendingPathComponent(folder)
    return try FileManager.default
        .contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == ext }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

private func jsonText(_ value: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
    return String(decoding: data, as: UTF8.self)
}

private func parse(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// Structural equality of two parsed JSON documents.
private func same(_ a: Any?, _ b: Any?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a as NSObject, b as NSObject): return a.isEqual(b)
    default: return false
    }
}

/// The signed envelope of a case: `envelope_text`, else the `envelope`
/// object serialized, else nil.
private func envelopeText(_ testCase: [String: Any]) throws -> String? {
    if let text = testCase["envelope_text"] as? String { return text }
    if let object = testCase["envelope"] { return try jsonText(object) }
    return nil
}

private func trustedKeys(_ testCase: [String: Any]) -> [TrustedKey] {
    (testCase["trusted_keys"] as? [[String: Any]] ?? []).map {
        TrustedKey(keyId: $0["key_id"] as? String ?? "", publicKey: $0["public_key"] as? String ?? "")
    }
}

private func verifyOptions(_ testCase: [String: Any]) -> VerifyOptions {
    VerifyOptions(
        nowUnixSeconds: (testCase["now"] as? NSNumber)?.int64Value ?? 0,
        minVersion: (testCase["min_version"] as? NSNumber)?.int64Value
    )
}

/// The wire name of an enum value: `limitExceeded` -> `limit_exceeded`.
private func wire<T>(_ value: T) -> String {
    var out = ""
    for ch in String(describing: value) {
        if ch.isUppercase {
            out += "_" + ch.lowercased()
        } else {
            out.append(ch)
        }
    }
    return out
}

/// Every case of a generated enum. The generated Swift enums are not
/// `CaseIterable`, so the cases are read back through the enum's UniFFI
/// converter, which writes a case as its 1-based index (a big-endian
/// `Int32`); the first index it refuses ends the list.
private func allCases<T>(_ read: (inout (data: Data, offset: Data.Index)) throws -> T) -> [T] {
    var cases: [T] = []
    var index: Int32 = 1
    while true {
        let bytes = withUnsafeBytes(of: index.bigEndian) { Data($0) }
        var buffer = (data: bytes, offset: bytes.startIndex)
        guard let value = try? read(&buffer) else { return cases }
        cases.append(value)
        index += 1
    }
}

/// The case of `cases` whose wire name is `name`.
private func fromWire<T>(_ name: Any?, _ cases: [T]) throws -> T? {
    guard let name = name as? String else { return nil }
    return try XCTUnwrap(cases.first(where: { wire($0) == name }), "no case `\(name)`")
}

private let platforms = allCases(FfiConverterTypePlatform.read(from:))
private let formFactors = allCases(FfiConverterTypeFormFactor.read(from:))
private let hosts = allCases(FfiConverterTypeHost.read(from:))
private let outcomeResults = allCases(FfiConverterTypeOutcomeResult.read(from:))

/// A typed context from a vector's context object, for the typed entry
/// points (the event vectors use the fields below).
private func typedContext(_ object: [String: Any]) throws -> CheckoutContext {
    let known: Set<String> = ["platform", "form_factor", "host", "user_agent", "currency", "country", "subject_id", "checkout_id"]
    XCTAssertTrue(Set(object.keys).isSubset(of: known), "a context field the typed test does not map: \(object.keys)")
    return CheckoutContext(
        platform: try fromWire(object["platform"], platforms),
        formFactor: try fromWire(object["form_factor"], formFactors),
        host: try fromWire(object["host"], hosts),
        userAgent: object["user_agent"] as? String,
        installedWallets: InstalledWallets(wechat: .unknown, alipay: .unknown, unionpay: .unknown, taobao: .unknown, paypal: .unknown),
        probes: Probes(applePay: .unknown, googlePay: .unknown, paymentRequest: .unknown),
        currency: object["currency"] as? String,
        country: object["country"] as? String,
        subjectId: object["subject_id"] as? String,
        checkoutId: object["checkout_id"] as? String
    )
}

/// The JSON line of a vector's `event` for `decision`.
private func eventLine(_ event: [String: Any], _ decision: Decision) throws -> String {
    let rail = try XCTUnwrap(event["rail"] as? String)
    switch event["type"] as? String {
    case "selection":
        return try selection(decision: decision, rail: rail)
    case "outcome":
        let result = try XCTUnwrap(try fromWire(event["result"], outcomeResults))
        return try outcome(decision: decision, rail: rail, result: result)
    default:
        XCTFail("unknown event type in \(event)")
        return ""
    }
}

final class ConformanceTests: XCTestCase {
    func testVectors() throws {
        let vectorFiles = try files(in: "tests/vectors", withExtension: "json")
        XCTAssertFalse(vectorFiles.isEmpty, "no tests/vectors/*.json")
        var cases = 0
        var events = 0
        for file in vectorFiles {
            let doc = try XCTUnwrap(try parse(String(contentsOf: file, encoding: .utf8)) as? [String: Any])
            for testCase in try XCTUnwrap(doc["cases"] as? [[String: Any]]) {
                cases += 1
                let name = "\(file.lastPathComponent): \(testCase["name"] ?? "?")"
                let explain = testCase["explain"] as? Bool ?? false
                let expectError = testCase["expect_error"] as? [String: Any]
                do {
                    let engine: Engine
                    if let envelope = try envelopeText(testCase) {
                        engine = try Engine.fromSignedPolicy(
                            envelopeJson: envelope,
                            trustedKeys: trustedKeys(testCase),
                            options: verifyOptions(testCase)
                        )
                    } else if let text = testCase["policy_text"] as? String {
                        engine = try Engine.fromPolicyJson(json: text)
                    } else if let policy = testCase["policy"] as? [String: Any] {
                        engine = try Engine.fromPolicyJson(json: try jsonText(policy))
                    } else {
                        engine = Engine()
                    }
                    let context: String
                    if let text = testCase["context_text"] as? String {
                        context = text
                    } else if let object = testCase["context"] {
                        context = try jsonText(object)
                    } else {
                        context = "{}"
                    }
                    if let event = testCase["event"] as? [String: Any] {
                        // Events are built from a typed decision.
                        let object = try XCTUnwrap(testCase["context"] as? [String: Any], name)
                        let decision = try engine.decide(context: try typedContext(object), explain: explain)
                        let line = try eventLine(event, decision)
                        XCTAssertNil(expectError, "\(name): expected an error, got \(line)")
                        XCTAssertFalse(line.contains("\n"), "\(name): one line")
                        XCTAssertTrue(same(try parse(line), testCase["expect_event"]), "\(name): got \(line)")
                        events += 1
                        continue
                    }
                    let out = try engine.decideJson(contextJson: context, explain: explain)
                    XCTAssertNil(expectError, "\(name): expected an error, got \(out)")
                    XCTAssertTrue(same(try parse(out), testCase["expect"]), "\(name): got \(out)")
                } catch let PayselError.InvalidInput(code, path, detail) {
                    let expected = try XCTUnwrap(expectError, "\(name): unexpected \(code) at `\(path)`: \(detail)")
                    XCTAssertEqual(wire(code), expected["code"] as? String, name)
                    if let expectedPath = expected["path"] as? String {
                        XCTAssertEqual(path, expectedPath, name)
                    }
                }
            }
        }
        XCTAssertGreaterThan(events, 0, "no event vectors ran")
        print("vectors: \(cases) cases, \(events) of them events")
    }

    func testUserAgentCorpus() throws {
        for file in try files(in: "tests/ua", withExtension: "jsonl") {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let name = "\(file.lastPathComponent):\(index + 1)"
                let row = try XCTUnwrap(try parse(String(line)) as? [String: Any], name)
                let ua = try XCTUnwrap(row["ua"] as? String, name)
                var hints: Hints?
                if let h = row["hints"] as? [String: Any] {
                    hints = Hints(
                        uaPlatform: h["ua_platform"] as? String,
                        uaMobile: h["ua_mobile"] as? Bool,
                        touch: h["touch"] as? Bool,
                        wechatMiniProgram: h["wechat_mini_program"] as? Bool ?? false,
                        weixinJsBridge: h["weixin_js_bridge"] as? Bool ?? false,
                        alipayJsBridge: h["alipay_js_bridge"] as? Bool ?? false,
                        telegramWebview: h["telegram_webview"] as? Bool ?? false,
                        qqMiniProgram: h["qq_mini_program"] as? Bool ?? false
                    )
                }
                let d = try detect(userAgent: ua, hints: hints)
                if let platform = row["platform"] as? String { XCTAssertEqual(wire(d.platform), platform, name) }
                if let host = row["host"] as? String { XCTAssertEqual(wire(d.host), host, name) }
                if let formFactor = row["form_factor"] as? String { XCTAssertEqual(wire(d.formFactor), formFactor, name) }
                if let webview = row["webview"] as? Bool { XCTAssertEqual(d.webview, webview, name) }
            }
        }
    }

    func testTypedErrorsAndRecovery() throws {
        XCTAssertThrowsError(try Engine.fromPolicyJson(json: "{\"schema\": ")) { error in
            guard case let PayselError.InvalidInput(code, _, _) = error else {
                return XCTFail("not a PayselError: \(error)")
            }
            XCTAssertEqual(code, .policyMalformed)
        }
        let engine = Engine()
        let longUA = "Mozilla/5.0 " + String(repeating: "x", count: 3000)
        XCTAssertThrowsError(try detect(userAgent: longUA)) { error in
            guard case let PayselError.InvalidInput(code, path, _) = error else {
                return XCTFail("not a PayselError: \(error)")
            }
            XCTAssertEqual(code, .limitExceeded)
            XCTAssertEqual(path, "user_agent")
        }
        // The engine keeps working after errors.
        let out = try engine.decideJson(contextJson: "{\"platform\":\"ios\",\"host\":\"wechat\",\"currency\":\"CNY\"}", explain: false)
        XCTAssertTrue(out.hasPrefix("{\"shown\":["), out)
    }

    func testTypedDecideMatchesJson() throws {
        let engine = Engine()
        let context = CheckoutContext(
            platform: .android,
            host: .wechat,
            installedWallets: InstalledWallets(wechat: .installed, alipay: .unknown, unionpay: .unknown, taobao: .unknown, paypal: .unknown),
            probes: Probes(applePay: .unknown, googlePay: .unknown, paymentRequest: .unknown),
            currency: "CNY"
        )
        let typed = try engine.decide(context: context, explain: false)
        let json = try XCTUnwrap(try parse(engine.decideJson(
            contextJson: "{\"platform\":\"android\",\"host\":\"wechat\",\"installed_wallets\":{\"wechat\":\"installed\"},\"currency\":\"CNY\"}",
            explain: false
        )) as? [String: Any])
        let shown = try XCTUnwrap(json["shown"] as? [[String: Any]])
        XCTAssertEqual(typed.shown.map(\.rail), shown.compactMap { $0["rail"] as? String })
        XCTAssertEqual(typed.shown.map { wire($0.launch) }, shown.compactMap { $0["launch"] as? String })
        XCTAssertEqual(typed.preselected, json["preselected"] as? String)
        XCTAssertEqual(typed.policyVersion, engine.policyVersion())
    }

    func testSharedEngineAcrossThreads() throws {
        let engine = Engine()
        let context = "{\"platform\":\"ios\",\"host\":\"alipay\",\"currency\":\"CNY\",\"subject_id\":\"s-1\"}"
        let expected = try engine.decideJson(contextJson: context, explain: true)
        let lock = NSLock()
        var mismatches = 0
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<200 {
                let out = try? engine.decideJson(contextJson: context, explain: true)
                if out != expected {
                    lock.lock(); mismatches += 1; lock.unlock()
                }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testTypedPolicyMatchesItsJson() throws {
        // Every field left out takes the default it has on the wire.
        let policy = Policy(
            version: 3,
            rails: [RailPolicy(id: "alipay"), RailPolicy(id: "card", weight: 5)],
            boosts: [Boost(id: "card_in_us", rail: "card", when: Condition(country: ["US"]), delta: 10)],
            preselect: .first
        )
        let json = """
            {"schema": "paysel.policy/1", "version": 3, "rails": [{"id": "alipay"}, {"id": "card", "weight": 5}],
             "boosts": [{"id": "card_in_us", "rail": "card", "when": {"country": ["US"]}, "delta": 10}]}
            """
        let engine = try Engine.fromPolicy(policy: policy)
        XCTAssertEqual(engine.policy(), try Engine.fromPolicyJson(json: json).policy())
        XCTAssertEqual(engine.policyVersion(), 3)

        // A refused update keeps the current policy.
        let duplicate = Policy(version: 4, rails: [RailPolicy(id: "card"), RailPolicy(id: "card")], preselect: .first)
        XCTAssertThrowsError(try engine.applyPolicy(policy: duplicate)) { error in
            guard case let PayselError.InvalidInput(code, path, _) = error else {
                return XCTFail("not a PayselError: \(error)")
            }
            XCTAssertEqual(code, .policyInvalid)
            XCTAssertEqual(path, "rails[1].id")
        }
        XCTAssertEqual(engine.policy(), policy)
        try engine.applyPolicy(policy: Engine().policy())
        XCTAssertEqual(engine.policy(), Engine().policy())
    }

    func testWalletProbesComeFromTheCore() {
        let probes = walletProbes()
        XCTAssertEqual(Set(probes.map(\.app)), [.wechat, .alipay, .unionpay, .taobao, .paypal])
        XCTAssertTrue(probes.allSatisfy { !$0.iosSchemes.isEmpty && !$0.androidPackage.isEmpty })
        XCTAssertFalse(version().isEmpty)
        XCTAssertNoThrow(try Engine.fromPolicyJson(json: defaultPolicyJson()))
    }
}
