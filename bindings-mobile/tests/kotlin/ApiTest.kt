// The Kotlin API itself, on the desktop JVM against the host-built
// libpaysel_mobile through JNA: constructors, the typed policy, policy
// updates that keep the current policy when refused, the top-level detect,
// wallet probes, events, typed exceptions and one engine shared by threads.
// No mocks: every call crosses the real FFI.

package dev.paysel.test

import dev.paysel.Engine
import dev.paysel.PayselException
import dev.paysel.contextFromJson
import dev.paysel.core.Availability
import dev.paysel.core.Boost
import dev.paysel.core.CheckoutContext
import dev.paysel.core.Condition
import dev.paysel.core.ErrorCode
import dev.paysel.core.Host
import dev.paysel.core.InstalledWallets
import dev.paysel.core.OutcomeResult
import dev.paysel.core.Platform
import dev.paysel.core.Policy
import dev.paysel.core.Preselect
import dev.paysel.core.Probes
import dev.paysel.core.RailPolicy
import dev.paysel.core.Readiness
import dev.paysel.core.WalletApp
import dev.paysel.decisionToJson
import dev.paysel.defaultPolicyJson
import dev.paysel.detect
import dev.paysel.outcome
import dev.paysel.selection
import dev.paysel.version
import dev.paysel.walletProbes
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.function.Executable
import java.io.File
import java.util.concurrent.Callable
import java.util.concurrent.Executors

fun sampleContext() = CheckoutContext(
    platform = Platform.ANDROID,
    host = Host.NATIVE,
    installedWallets = InstalledWallets(
        wechat = Availability.INSTALLED, alipay = Availability.NOT_INSTALLED, unionpay = Availability.UNKNOWN,
        taobao = Availability.UNKNOWN, paypal = Availability.UNKNOWN,
    ),
    probes = Probes(applePay = Readiness.UNKNOWN, googlePay = Readiness.READY, paymentRequest = Readiness.UNKNOWN),
    lastUsed = listOf("alipay"),
    amount = 12_800,
    currency = "CNY",
    country = "CN",
    regionTier = 3,
)

/** The typed exception `call` throws; its code and path must be these. */
fun refused(code: ErrorCode, path: String, call: () -> Unit): PayselException.InvalidInput {
    val e = assertThrows(PayselException.InvalidInput::class.java, Executable(call))
    assertEquals(code, e.code, e.detail)
    assertEquals(path, e.path, e.detail)
    return e
}

const val PIXEL = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private val engine = Engine()

    @AfterAll
    fun close() = engine.close()

    @Test
    fun `constructors and metadata`() {
        assertTrue(version().matches(Regex("""\d+\.\d+\.\d+.*""")), version())
        Engine.fromPolicyJson(defaultPolicyJson()).use { assertEquals(engine.policy(), it.policy()) }
        Engine.fromPolicy(engine.policy()).use { assertEquals(engine.policyVersion(), it.policyVersion()) }
        assertNull(engine.signedVersion(), "no signed policy yet")
        val d = engine.decide(sampleContext())
        assertEquals(engine.policyVersion(), d.policyVersion, "decide reports the policy version")
        assertTrue(d.shown.isNotEmpty(), "decide shows a rail")
        assertTrue(d.shown.all { it.score == null }, "explain defaults to off")
        assertTrue(engine.decide(sampleContext(), true).shown.all { it.score != null }, "explain on gives scores")
    }

    @Test
    fun `a typed policy is the policy its JSON describes`() {
        // Every field left out takes the default it has on the wire.
        val policy = Policy(
            version = 3,
            rails = listOf(RailPolicy(id = "alipay", weight = 8), RailPolicy(id = "card", weight = 5)),
            boosts = listOf(Boost(id = "card_in_us", rail = "card", `when` = Condition(country = listOf("US")), delta = 10)),
            preselect = Preselect.FIRST,
        )
        val json = """{"schema": "paysel.policy/1", "version": 3, "rails": [{"id": "alipay", "weight": 8}, {"id": "card", "weight": 5}],
            "boosts": [{"id": "card_in_us", "rail": "card", "when": {"country": ["US"]}, "delta": 10}]}"""
        Engine.fromPolicy(policy).use { typed ->
            Engine.fromPolicyJson(json).use { assertEquals(it.policy(), typed.policy()) }
            assertEquals(3L, typed.policyVersion())
            val cn = sampleContext().copy(lastUsed = listOf())
            val us = cn.copy(country = "US", currency = "USD")
            assertEquals(listOf("alipay", "card"), typed.decide(cn).shown.map { it.rail })
            assertEquals(listOf("card", "alipay"), typed.decide(us).shown.map { it.rail }, "the boost puts the card first in the US")
        }
        refused(ErrorCode.POLICY_INVALID, "rails[1].id") {
            Engine.fromPolicy(policy.copy(rails = listOf(RailPolicy(id = "card"), RailPolicy(id = "card"))))
        }
    }

    @Test
    fun `a refused update leaves the engine on its policy`() = Engine().use { e ->
        val before = e.policy()
        val duplicate = before.copy(version = before.version + 1, rails = before.rails + before.rails.first())
        refused(ErrorCode.POLICY_INVALID, "rails[${before.rails.size}].id") { e.applyPolicy(duplicate) }
        assertEquals(before, e.policy(), "applyPolicy refused: the policy is unchanged")
        refused(ErrorCode.POLICY_MALFORMED, "") { e.applyPolicyJson("{\"schema\": \"paysel.policy/1\"") }
        assertEquals(before, e.policy(), "applyPolicyJson refused: the policy is unchanged")
        assertTrue(e.decide(sampleContext()).shown.isNotEmpty(), "the engine still decides")

        val next = before.copy(version = before.version + 1)
        e.applyPolicy(next)
        assertEquals(next, e.policy(), "an accepted update replaces the policy")
        e.applyPolicyJson(defaultPolicyJson())
        assertEquals(before, e.policy())

        val envelopes = cases(File(Repo.root, "tests/vectors/envelopes.json"))
        val good = envelopes.first { it.expect != null && it.envelope != null && !it.json.has("min_version") }
        val tampered = envelopes.first { it.expectError?.get("code")?.asString == "signature_invalid" }
        e.applySignedPolicy(good.envelope!!, good.trustedKeys, good.verifyOptions)
        val signed = e.signedVersion()
        assertNotNull(signed, "a signed update is applied")
        assertEquals(signed, e.policyVersion())
        refused(ErrorCode.SIGNATURE_INVALID, tampered.expectError!!["path"]?.asString ?: "") {
            e.applySignedPolicy(tampered.envelope!!, tampered.trustedKeys, tampered.verifyOptions)
        }
        assertEquals(signed, e.signedVersion(), "a tampered update keeps the signed policy")
        assertEquals(signed, e.policyVersion())
    }

    @Test
    fun `top-level detect`() {
        val pixel = detect(PIXEL)
        assertEquals(Platform.ANDROID, pixel.platform)
        assertEquals(Host.BROWSER, pixel.host)
        refused(ErrorCode.LIMIT_EXCEEDED, "user_agent") { detect("Mozilla/5.0 " + "x".repeat(3000)) }
        assertEquals(pixel, detect(PIXEL, null), "detect works after an error")
    }

    @Test
    fun `wallet probes come from the core`() {
        val probes = walletProbes()
        assertEquals(WalletApp.values().toSet(), probes.map { it.app }.toSet(), "one probe per wallet app")
        assertEquals(probes.size, probes.map { it.app }.toSet().size, "no wallet app twice")
        assertTrue(probes.all { it.iosSchemes.isNotEmpty() && it.androidPackage.isNotEmpty() }, "$probes")
        assertTrue(
            probes.any { it.app == WalletApp.WECHAT && it.androidPackage == "com.tencent.mm" && "weixin" in it.iosSchemes },
            "the WeChat probe: $probes",
        )
    }

    @Test
    fun `a page's context, completed by the app`() {
        val page = contextFromJson("""{"user_agent": "$PIXEL", "currency": "CNY", "country": "CN", "checkout_id": "co-1"}""")
        assertEquals(PIXEL, page.userAgent)
        assertEquals(Availability.UNKNOWN, page.installedWallets.wechat, "left out: unknown")
        val completed = page.copy(installedWallets = page.installedWallets.copy(wechat = Availability.INSTALLED))
        val d = engine.decide(completed)
        val asJson = """{"user_agent": "$PIXEL", "currency": "CNY", "country": "CN", "checkout_id": "co-1",
            "installed_wallets": {"wechat": "installed"}}"""
        assertEquals(engine.decideJson(asJson, false), decisionToJson(d), "the same decision as the completed JSON's")
        refused(ErrorCode.CONTEXT_MALFORMED, "bogus") { contextFromJson("{\"platform\": \"ios\", \"bogus\": 1}") }
        refused(ErrorCode.CONTEXT_INVALID, "currency") { contextFromJson("{\"currency\": \"yuan\"}") }
    }

    @Test
    fun `events are built from a decision`() {
        val d = engine.decide(sampleContext().copy(checkoutId = "co-7"))
        val first = d.shown.first().rail
        val chosen = parse(selection(d, first)).asJsonObject
        assertEquals("selection", chosen["type"].asString)
        assertEquals("co-7", chosen["checkout_id"].asString)
        assertEquals(1, chosen["position"].asInt)
        val paid = parse(outcome(d, first, OutcomeResult.PAID)).asJsonObject
        assertEquals("paid", paid["result"].asString)
        val hidden = d.hidden.first().rail
        refused(ErrorCode.RAIL_NOT_SHOWN, "rail") { selection(d, hidden) }
        refused(ErrorCode.RAIL_NOT_SHOWN, "rail") { outcome(d, hidden, OutcomeResult.CANCELLED) }
    }

    @Test
    fun `errors are typed exceptions and the engine keeps working after them`() {
        val malformed = refused(ErrorCode.POLICY_MALFORMED, "schema") { Engine.fromPolicyJson("{\"schema\": ") }
        assertTrue(malformed.message?.contains("POLICY_MALFORMED") == true, "the message carries the code: ${malformed.message}")
        assertTrue(malformed is PayselException, "a PayselException")
        refused(ErrorCode.POLICY_MALFORMED, "rails[0].id") {
            Engine.fromPolicyJson("""{"schema": "paysel.policy/1", "version": 1, "rails": [{"id": 7}]}""")
        }
        refused(ErrorCode.CONTEXT_MALFORMED, "bogus") { engine.decideJson("{\"platform\": \"ios\", \"bogus\": 1}", false) }
        refused(ErrorCode.CONTEXT_INVALID, "amount") { engine.decide(sampleContext().copy(amount = -1)) }
        assertTrue(engine.decide(sampleContext()).shown.isNotEmpty(), "decide works after errors")
    }

    @Test
    fun `one engine shared by 8 threads gives identical decisions`() {
        val contexts = listOf(
            sampleContext(),
            sampleContext().copy(host = Host.WECHAT, platform = Platform.IOS),
            sampleContext().copy(host = Host.ALIPAY, lastUsed = listOf()),
            sampleContext().copy(host = Host.BROWSER, platform = Platform.MACOS, currency = "USD", country = "US"),
            sampleContext().copy(
                platform = null,
                host = null,
                userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
                    "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
            ),
        )
        val expected = contexts.map { engine.decide(it, true) }
        assertNotEquals(expected[0], expected[1], "the contexts decide differently")
        val pool = Executors.newFixedThreadPool(8)
        try {
            val results = (0 until 8).map {
                pool.submit(Callable {
                    (0 until 500).all { i -> engine.decide(contexts[i % contexts.size], true) == expected[i % contexts.size] }
                })
            }.map { it.get() }
            assertTrue(results.all { it }, "$results")
        } finally {
            pool.shutdown()
        }
    }
}
