// The Kotlin conformance and integration test of the UniFFI bindings, run on
// the desktop JVM against the host-built libpaysel_mobile through JNA by
// `cargo xtask test kotlin`. No mocks: every call crosses the real FFI.
//
// Usage: MainKt <repo root>

package dev.paysel.test

import dev.paysel.Engine
import dev.paysel.PayselException
import dev.paysel.WalletProbe
import dev.paysel.core.Availability
import dev.paysel.core.Context
import dev.paysel.core.Decision
import dev.paysel.core.ErrorCode
import dev.paysel.core.FormFactor
import dev.paysel.core.Hints
import dev.paysel.core.Host
import dev.paysel.core.InstalledWallets
import dev.paysel.core.Platform
import dev.paysel.core.Probes
import dev.paysel.core.Readiness
import dev.paysel.core.ScoreTerm
import dev.paysel.core.TrustedKey
import dev.paysel.core.VerifyOptions
import dev.paysel.core.WalletApp
import dev.paysel.defaultPolicyJson
import dev.paysel.version
import dev.paysel.walletProbes
import java.io.File
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kotlin.system.exitProcess

var passed = 0
var failed = 0

fun check(name: String, ok: Boolean, detail: () -> String = { "" }) {
    if (ok) {
        passed++
    } else {
        failed++
        val why = detail()
        System.err.println("FAIL $name ${if (why.length > 600) why.take(600) + " ..." else why}".trimEnd())
    }
}

/** Runs `block`, counting an unexpected exception as a failure. */
fun guarded(name: String, block: () -> Unit) {
    try {
        block()
    } catch (e: Throwable) {
        failed++
        System.err.println("FAIL $name: unexpected ${e::class.qualifiedName}: ${e.message}")
    }
}

/** The wire name of a UniFFI enum value: `WECHAT_MINI_PROGRAM` -> `wechat_mini_program`. */
fun wire(e: Enum<*>): String = e.name.lowercase()

inline fun <reified E : Enum<E>> fromWire(s: String?): E? =
    if (s == null) null else enumValues<E>().firstOrNull { wire(it) == s }

// ---------------------------------------------------------------------------
// Typed values <-> JSON, to compare the typed API with the JSON entry point.

fun termsJson(terms: List<ScoreTerm>) =
    Json.arr(terms.map { Json.obj("source" to Json.str(it.source), "delta" to Json.num(it.delta)) })

fun decisionJson(d: Decision): Json {
    val env = Json.obj(
        "platform" to Json.str(wire(d.environment.platform)),
        "form_factor" to Json.str(wire(d.environment.formFactor)),
        "host" to Json.str(wire(d.environment.host)),
    )
    val experiments = Json.arr(d.experiments.map {
        Json.obj("experiment" to Json.str(it.experiment), "variant" to Json.str(it.variant))
    })
    val shown = d.shown.map { s ->
        val fields = linkedMapOf(
            "rail" to Json.str(s.rail),
            "launch" to Json.str(wire(s.launch)),
            "placement" to Json.str(wire(s.placement)),
        )
        s.score?.let { sc ->
            fields["score"] = Json.obj(
                "base" to Json.num(sc.base),
                "host_native" to Json.num(sc.hostNative),
                "boosts" to termsJson(sc.boosts),
                "experiments" to termsJson(sc.experiments),
                "total" to Json.num(sc.total),
            )
        }
        Json.Obj(fields)
    }
    val hidden = d.hidden.map {
        Json.obj("rail" to Json.str(it.rail), "reason" to Json.str(wire(it.reason)), "detail" to Json.str(it.detail))
    }
    val e = d.exposure
    val exposure = Json.obj(
        "policy_version" to Json.num(e.policyVersion),
        "environment" to Json.obj(
            "platform" to Json.str(wire(e.environment.platform)),
            "form_factor" to Json.str(wire(e.environment.formFactor)),
            "host" to Json.str(wire(e.environment.host)),
        ),
        "experiments" to Json.arr(e.experiments.map {
            Json.obj("experiment" to Json.str(it.experiment), "variant" to Json.str(it.variant))
        }),
        "shown" to Json.arr(e.shown.map { Json.obj("rail" to Json.str(it.rail), "launch" to Json.str(wire(it.launch))) }),
        "preselected" to Json.str(e.preselected),
        "hidden" to Json.arr(e.hidden.map { Json.obj("rail" to Json.str(it.rail), "reason" to Json.str(wire(it.reason))) }),
    )
    return Json.obj(
        "shown" to Json.arr(shown),
        "preselected" to Json.str(d.preselected),
        "hidden" to Json.arr(hidden),
        "policy_version" to Json.num(d.policyVersion),
        "environment" to env,
        "experiments" to experiments,
        "exposure" to exposure,
    )
}

/** A typed Context from a vector's context object, or null when the object
 *  holds something the typed API cannot express (an error case). */
fun typedContext(c: Json?): Context? {
    val o = (c ?: Json.obj()) as? Json.Obj ?: return null
    val known = setOf(
        "platform", "form_factor", "host", "user_agent", "installed_wallets", "probes", "preferred_rail",
        "last_used", "amount", "currency", "country", "region_tier", "subject_id",
    )
    if (!known.containsAll(o.fields.keys)) return null
    fun <E : Enum<E>> enumField(v: Json?, parse: (String?) -> E?): Result<E?> = when (v) {
        null, Json.Null -> Result.success(null)
        is Json.Str -> parse(v.value)?.let { Result.success(it) } ?: Result.failure(JsonException("enum"))
        else -> Result.failure(JsonException("enum"))
    }
    fun strField(v: Json?): Result<String?> = when (v) {
        null, Json.Null -> Result.success(null)
        is Json.Str -> Result.success(v.value)
        else -> Result.failure(JsonException("string"))
    }
    return try {
        val wallets = o["installed_wallets"] as? Json.Obj
        val probes = o["probes"] as? Json.Obj
        fun avail(k: String) = enumField(wallets?.get(k)) { fromWire<Availability>(it) }.getOrThrow() ?: Availability.UNKNOWN
        fun ready(k: String) = enumField(probes?.get(k)) { fromWire<Readiness>(it) }.getOrThrow() ?: Readiness.UNKNOWN
        Context(
            platform = enumField(o["platform"]) { fromWire<Platform>(it) }.getOrThrow(),
            formFactor = enumField(o["form_factor"]) { fromWire<FormFactor>(it) }.getOrThrow(),
            host = enumField(o["host"]) { fromWire<Host>(it) }.getOrThrow(),
            userAgent = strField(o["user_agent"]).getOrThrow(),
            installedWallets = InstalledWallets(
                wechat = avail("wechat"), alipay = avail("alipay"), unionpay = avail("unionpay"),
                taobao = avail("taobao"), paypal = avail("paypal"),
            ),
            probes = Probes(applePay = ready("apple_pay"), googlePay = ready("google_pay"), paymentRequest = ready("payment_request")),
            preferredRail = strField(o["preferred_rail"]).getOrThrow(),
            lastUsed = o["last_used"]?.arr?.map { it.str ?: throw JsonException("last_used") } ?: listOf(),
            amount = (o["amount"] as? Json.Num)?.text?.toULong(),
            currency = strField(o["currency"]).getOrThrow(),
            country = strField(o["country"]).getOrThrow(),
            regionTier = (o["region_tier"] as? Json.Num)?.text?.toUByte(),
            subjectId = strField(o["subject_id"]).getOrThrow(),
        )
    } catch (e: Exception) {
        null
    }
}

// ---------------------------------------------------------------------------

fun trustedKeys(case: Json): List<TrustedKey> = (case["trusted_keys"]?.arr ?: listOf()).map {
    TrustedKey(keyId = it["key_id"]?.str ?: "", publicKey = it["public_key"]?.str ?: "")
}

fun verifyOptions(case: Json) = VerifyOptions(
    nowUnixSeconds = (case["now"] as? Json.Num)?.text?.toULong() ?: 0UL,
    minVersion = (case["min_version"] as? Json.Num)?.text?.toULong(),
)

/** The signed envelope of a case, as text: `envelope_text`, else the
 *  `envelope` object serialized, else null. */
fun envelopeText(case: Json): String? = case["envelope_text"]?.str ?: case["envelope"]?.text()

/** The engine of a case, following the runner contract in tests/vectors/README.md. */
fun engineFor(case: Json): Engine {
    val envelope = envelopeText(case)
    val text = case["policy_text"]?.str
    val policy = case["policy"]
    return when {
        envelope != null -> Engine.fromSignedPolicy(envelope, trustedKeys(case), verifyOptions(case))
        text != null -> Engine.fromPolicyJson(text)
        policy is Json.Obj -> Engine.fromPolicyJson(policy.text())
        else -> Engine.withDefaultPolicy()
    }
}

fun contextText(case: Json): String =
    case["context_text"]?.str ?: case["context"]?.text() ?: "{}"

fun runVectors(root: File): Int {
    val files = File(root, "tests/vectors").listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: listOf()
    var cases = 0
    var typedChecked = 0
    for (file in files) {
        val doc = Json.parse(file.readText())
        for (case in doc["cases"]?.arr ?: listOf()) {
            cases++
            val name = "${file.name}: ${case["name"]?.str}"
            val explain = case["explain"]?.bool ?: false
            val expectError = case["expect_error"]
            var engine: Engine? = null
            try {
                engine = engineFor(case)
                val out = engine.decideJson(contextText(case), explain)
                if (expectError != null) {
                    check(name, false) { "expected error ${expectError.text()}, got $out" }
                    continue
                }
                val actual = Json.parse(out)
                check(name, Json.same(actual, case["expect"])) { "\n  got:    ${actual.text()}\n  expect: ${case["expect"]?.text()}" }
                // The typed API must agree with the JSON entry point.
                if (case["context_text"] == null) {
                    typedContext(case["context"])?.let { ctx ->
                        typedChecked++
                        val typed = decisionJson(engine.decide(ctx, explain))
                        check("$name (typed decide)", Json.same(typed, actual)) { "\n  typed: ${typed.text()}\n  json:  ${actual.text()}" }
                    }
                }
            } catch (e: PayselException.InvalidInput) {
                val code = wire(e.code)
                val want = expectError?.get("code")?.str
                val wantPath = expectError?.get("path")?.str
                check(name, want == code && (wantPath == null || wantPath == e.path)) {
                    "threw $code at `${e.path}` (${e.detail}); expected ${(expectError ?: case["expect"])?.text()}"
                }
            } catch (e: Throwable) {
                check(name, false) { "unexpected ${e::class.qualifiedName}: ${e.message}" }
            } finally {
                engine?.close()
            }
        }
    }
    check("vector files exist", files.isNotEmpty()) { "no tests/vectors/*.json" }
    check("typed decide checked on several cases", files.isEmpty() || typedChecked >= 2) { "only $typedChecked" }
    println("vectors: $cases cases in ${files.size} files ($typedChecked also through the typed API)")
    return cases
}

fun runUaCorpus(root: File, engine: Engine): Int {
    val files = File(root, "tests/ua").listFiles { f -> f.name.endsWith(".jsonl") }?.sortedBy { it.name } ?: listOf()
    var lines = 0
    for (file in files) {
        file.readLines().forEachIndexed { index, line ->
            if (line.isBlank()) return@forEachIndexed
            lines++
            val name = "${file.name}:${index + 1}"
            guarded(name) {
                val row = Json.parse(line)
                val ua = row["ua"]?.str ?: throw JsonException("no \"ua\"")
                val hints = (row["hints"] as? Json.Obj)?.let { h ->
                    Hints(
                        uaPlatform = h["ua_platform"]?.str,
                        uaMobile = h["ua_mobile"]?.bool,
                        touch = h["touch"]?.bool,
                        wechatMiniProgram = h["wechat_mini_program"]?.bool ?: false,
                        weixinJsBridge = h["weixin_js_bridge"]?.bool ?: false,
                        alipayJsBridge = h["alipay_js_bridge"]?.bool ?: false,
                        telegramWebview = h["telegram_webview"]?.bool ?: false,
                        qqMiniProgram = h["qq_mini_program"]?.bool ?: false,
                    )
                }
                val d = engine.detect(ua, hints)
                val mismatches = mutableListOf<String>()
                row["platform"]?.str?.let { if (it != wire(d.platform)) mismatches += "platform ${wire(d.platform)} != $it" }
                row["host"]?.str?.let { if (it != wire(d.host)) mismatches += "host ${wire(d.host)} != $it" }
                row["form_factor"]?.str?.let { if (it != wire(d.formFactor)) mismatches += "form_factor ${wire(d.formFactor)} != $it" }
                row["webview"]?.bool?.let { if (it != d.webview) mismatches += "webview ${d.webview} != $it" }
                check(name, mismatches.isEmpty()) { "${mismatches.joinToString("; ")}\n  ua: $ua" }
            }
        }
    }
    println("ua corpus: $lines lines in ${files.size} files")
    return lines
}

fun sampleContext() = Context(
    platform = Platform.ANDROID,
    host = Host.NATIVE,
    installedWallets = InstalledWallets(
        wechat = Availability.INSTALLED, alipay = Availability.NOT_INSTALLED, unionpay = Availability.UNKNOWN,
        taobao = Availability.UNKNOWN, paypal = Availability.UNKNOWN,
    ),
    probes = Probes(applePay = Readiness.UNKNOWN, googlePay = Readiness.READY, paymentRequest = Readiness.UNKNOWN),
    lastUsed = listOf("alipay"),
    amount = 12_800UL,
    currency = "CNY",
    country = "CN",
    regionTier = 3u,
)

fun runApiChecks(root: File) {
    val engine = Engine()
    guarded("constructors and metadata") {
        check("version", version().matches(Regex("""\d+\.\d+\.\d+.*"""))) { version() }
        Engine.withDefaultPolicy().use { e -> check("withDefaultPolicy", e.policyVersion() == engine.policyVersion()) }
        Engine.fromPolicyJson(defaultPolicyJson()).use { e ->
            check("fromPolicyJson(defaultPolicyJson())", e.policyVersion() == engine.policyVersion())
        }
        val d = engine.decide(sampleContext())
        check("decide reports the policy version", d.policyVersion == engine.policyVersion())
        check("decide shows a rail", d.shown.isNotEmpty())
        check("explain defaults to off", d.shown.all { it.score == null })
        check("explain on gives scores", engine.decide(sampleContext(), true).shown.all { it.score != null })
    }

    guarded("wallet probes") {
        val probes: List<WalletProbe> = walletProbes()
        check("one probe per wallet app", probes.map { it.app }.toSet() == WalletApp.values().toSet()) { probes.toString() }
        check("probes have identifiers", probes.all { it.iosSchemes.isNotEmpty() && it.androidPackage.isNotEmpty() })
        check("wechat probe", probes.any { it.app == WalletApp.WECHAT && it.androidPackage == "com.tencent.mm" && "weixin" in it.iosSchemes })
    }

    // Typed errors, and the engine keeps working after them.
    try {
        Engine.fromPolicyJson("{\"schema\": ")
        check("malformed policy throws", false) { "no exception" }
    } catch (e: PayselException.InvalidInput) {
        check("malformed policy code", e.code == ErrorCode.POLICY_MALFORMED) { "${e.code} ${e.message}" }
        check("exception message carries the code", e.message?.contains("POLICY_MALFORMED") == true) { "${e.message}" }
    }
    try {
        Engine.fromPolicyJson("{\"schema\": \"paysel.policy/1\", \"version\": 1, \"rails\": [{\"id\": 7}]}")
        check("policy with a wrong type throws", false) { "no exception" }
    } catch (e: PayselException) {
        check("typed exception is a PayselException", e is PayselException.InvalidInput)
    }
    try {
        engine.detect("Mozilla/5.0 " + "x".repeat(3000), null)
        check("oversized UA throws", false) { "no exception" }
    } catch (e: PayselException.InvalidInput) {
        check("oversized UA code", e.code == ErrorCode.LIMIT_EXCEEDED && e.path == "user_agent") { "${e.code} `${e.path}`" }
    }
    try {
        engine.decideJson("{\"platform\": \"ios\", \"bogus\": 1}", false)
        check("unknown context field throws", false) { "no exception" }
    } catch (e: PayselException.InvalidInput) {
        check("unknown context field code", e.code == ErrorCode.CONTEXT_MALFORMED) { "${e.code}" }
    }
    guarded("engine works after errors") {
        check("engine works after errors", engine.decide(sampleContext()).shown.isNotEmpty())
        val d = engine.detect("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", null)
        check("detect works after errors", d.platform == Platform.ANDROID) { d.toString() }
    }

    // Policy updates: a refused update leaves the engine on its policy.
    guarded("policy updates") {
        Engine().use { e ->
            val before = e.policyVersion()
            try {
                e.applyPolicyJson("{\"schema\": \"paysel.policy/1\"")
                check("a malformed update throws", false)
            } catch (x: PayselException.InvalidInput) {
                check("a malformed update keeps the policy", e.policyVersion() == before && e.decide(sampleContext()).shown.isNotEmpty())
            }
            val cases = File(root, "tests/vectors/envelopes.json").takeIf { it.isFile }
                ?.let { Json.parse(it.readText())["cases"]?.arr } ?: listOf()
            val good = cases.firstOrNull { it["expect"] != null && it["envelope"] != null && it["min_version"] == null }
            val tampered = cases.firstOrNull { it["expect_error"]?.get("code")?.str == "signature_invalid" }
            if (good != null && tampered != null) {
                e.applySignedPolicy(envelopeText(good)!!, trustedKeys(good), verifyOptions(good))
                val signed = e.signedVersion()
                check("a signed update is applied", signed != null && e.policyVersion() == signed) { "$signed" }
                try {
                    e.applySignedPolicy(envelopeText(tampered)!!, trustedKeys(tampered), verifyOptions(tampered))
                    check("a tampered update throws", false)
                } catch (x: PayselException.InvalidInput) {
                    check("a tampered update is refused with signature_invalid", x.code == ErrorCode.SIGNATURE_INVALID) { "${x.code}" }
                    check("a tampered update keeps the signed policy", e.signedVersion() == signed && e.policyVersion() == signed)
                }
            }
        }
    }

    // One engine shared by 8 threads gives identical answers.
    guarded("concurrency") {
        val contexts = listOf(
            sampleContext(),
            sampleContext().copy(host = Host.WECHAT, platform = Platform.IOS),
            sampleContext().copy(host = Host.ALIPAY, currency = "CNY", lastUsed = listOf()),
            sampleContext().copy(host = Host.BROWSER, platform = Platform.MACOS, currency = "USD", country = "US"),
            sampleContext().copy(platform = null, host = null, userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"),
        )
        val expected = contexts.map { engine.decide(it, true) }
        val pool = Executors.newFixedThreadPool(8)
        try {
            val results = (0 until 8).map {
                pool.submit(Callable {
                    (0 until 500).all { i -> engine.decide(contexts[i % contexts.size], true) == expected[i % contexts.size] }
                })
            }.map { it.get() }
            check("8 threads, one engine, identical decisions", results.all { it }) { results.toString() }
        } finally {
            pool.shutdown()
        }
    }

    guarded("benchmark") {
        val b = benchmark(engine)
        val library = System.getenv("PAYSEL_LIBRARY_PROFILE") ?: "debug"
        println(
            ("jna: decide %.1f µs/call, decideJson %.1f µs/call, policyVersion %.1f µs/call " +
                "(the bare FFI round trip), %s library")
                .format(b.decideNs / 1000, b.decideJsonNs / 1000, b.callNs / 1000, library),
        )
    }
    engine.close()
}

/** Mean nanoseconds of one call through UniFFI and JNA, after warm-up. */
data class Benchmark(val decideNs: Double, val decideJsonNs: Double, val callNs: Double)

fun benchmark(engine: Engine): Benchmark {
    val ctx = sampleContext()
    val json = "{\"platform\":\"android\",\"host\":\"native\",\"installed_wallets\":{\"wechat\":\"installed\"},\"amount\":12800,\"currency\":\"CNY\",\"country\":\"CN\"}"
    fun mean(warmUp: Int, n: Int, call: () -> Unit): Double {
        repeat(warmUp) { call() }
        val t = System.nanoTime()
        repeat(n) { call() }
        return (System.nanoTime() - t).toDouble() / n
    }
    return Benchmark(
        decideNs = mean(3_000, 20_000) { engine.decide(ctx) },
        decideJsonNs = mean(1_000, 5_000) { engine.decideJson(json, false) },
        callNs = mean(3_000, 20_000) { engine.policyVersion() },
    )
}

fun main(args: Array<String>) {
    if (args.contains("--bench")) {
        // Only the timing, as one JSON line for `cargo xtask bench`.
        val b = Engine().use { benchmark(it) }
        println("{\"decide_ns\":${b.decideNs},\"decide_json_ns\":${b.decideJsonNs},\"ffi_call_ns\":${b.callNs}}")
        return
    }
    val root = File(args.firstOrNull() ?: ".")
    runVectors(root)
    Engine().use { runUaCorpus(root, it) }
    runApiChecks(root)
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}
