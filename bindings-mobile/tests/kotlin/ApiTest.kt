// The Kotlin API itself, on the desktop JVM against the host-built
// libpaysel_mobile through JNA: constructors, wallet probes, typed errors,
// policy updates and one engine shared by threads. No mocks: every call
// crosses the real FFI.

package dev.paysel.test

import dev.paysel.Engine
import dev.paysel.PayselException
import dev.paysel.WalletProbe
import dev.paysel.core.Availability
import dev.paysel.core.Context
import dev.paysel.core.ErrorCode
import dev.paysel.core.Host
import dev.paysel.core.InstalledWallets
import dev.paysel.core.Platform
import dev.paysel.core.Probes
import dev.paysel.core.Readiness
import dev.paysel.core.WalletApp
import dev.paysel.defaultPolicyJson
import dev.paysel.version
import dev.paysel.walletProbes
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

import java.util.concurrent.Callable
import java.util.concurrent.Executors

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

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private val engine = Engine()

    @AfterAll
    fun close() = engine.close()

    @Test
    fun `constructors and metadata`() {
        assertTrue(version().matches(Regex("""\d+\.\d+\.\d+.*""")), version())
        Engine.withDefaultPolicy().use { assertEquals(engine.policyVersion(), it.policyVersion()) }
        Engine.fromPolicyJson(defaultPolicyJson()).use { assertEquals(engine.policyVersion(), it.policyVersion()) }
        val d = engine.decide(sampleContext())
        assertEquals(engine.policyVersion(), d.policyVersion, "decide reports the policy version")
        assertTrue(d.shown.isNotEmpty(), "decide shows a rail")
        assertTrue(d.shown.all { it.score == null }, "explain defaults to off")
        assertTrue(engine.decide(sampleContext(), true).shown.all { it.score != null }, "explain on gives scores")
    }

    @Test
    fun `wallet probes`() {
        val probes: List<WalletProbe> = walletProbes()
        assertEquals(WalletApp.values().toSet(), probes.map { it.app }.toSet(), "one probe per wallet app")
        assertTrue(probes.all { it.iosSchemes.isNotEmpty() && it.androidPackage.isNotEmpty() }, "$probes")
        assertTrue(
            probes.any { it.app == WalletApp.WECHAT && it.androidPackage == "com.tencent.mm" && "weixin" in it.iosSchemes },
            "the WeChat probe: $probes",
        )
    }

    @Test
    fun `typed errors, and the engine keeps working after them`() {
        val malformed = assertThrows(PayselException.InvalidInput::class.java) { Engine.fromPolicyJson("{\"schema\": ") }
        assertEquals(ErrorCode.POLICY_MALFORMED, malformed.code, malformed.message)
        assertTrue(malformed.message?.contains("POLICY_MALFORMED") == true, "the message carries the code: ${malformed.message}")

        val wrongType = """{"schema": "paysel.policy/1", "version": 1, "rails": [{"id": 7}]}"""
        assertThrows(PayselException.InvalidInput::class.java) { Engine.fromPolicyJson(wrongType) }

        val oversized = assertThrows(PayselException.InvalidInput::class.java) { engine.detect("Mozilla/5.0 " + "x".repeat(3000), null) }
        assertEquals(ErrorCode.LIMIT_EXCEEDED, oversized.code)
        assertEquals("user_agent", oversized.path)

        val unknown = assertThrows(PayselException.InvalidInput::class.java) { engine.decideJson("{\"platform\": \"ios\", \"bogus\": 1}", false) }
        assertEquals(ErrorCode.CONTEXT_MALFORMED, unknown.code)

        assertTrue(engine.decide(sampleContext()).shown.isNotEmpty(), "decide works after errors")
        val pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
        assertEquals(Platform.ANDROID, engine.detect(pixel, null).platform, "detect works after errors")
    }

    @Test
    fun `a refused update leaves the engine on its policy`() = Engine().use { e ->
        val before = e.policyVersion()
        assertThrows(PayselException.InvalidInput::class.java) { e.applyPolicyJson("{\"schema\": \"paysel.policy/1\"") }
        assertEquals(before, e.policyVersion())
        assertTrue(e.decide(sampleContext()).shown.isNotEmpty())

        val envelopes = cases(java.io.File(Wire.root, "tests/vectors/envelopes.json"))
        val good = envelopes.first { it.json.has("expect") && it.json.has("envelope") && !it.json.has("min_version") }
        val tampered = envelopes.first { it.json["expect_error"]?.asJsonObject?.get("code")?.asString == "signature_invalid" }
        e.applySignedPolicy(good.text("envelope")!!, good.trustedKeys, good.verifyOptions)
        val signed = e.signedVersion()
        assertNotNull(signed, "a signed update is applied")
        assertEquals(signed, e.policyVersion())
        val refused = assertThrows(PayselException.InvalidInput::class.java) {
            e.applySignedPolicy(tampered.text("envelope")!!, tampered.trustedKeys, tampered.verifyOptions)
        }
        assertEquals(ErrorCode.SIGNATURE_INVALID, refused.code)
        assertEquals(signed, e.signedVersion(), "a tampered update keeps the signed policy")
        assertEquals(signed, e.policyVersion())
    }

    @Test
    fun `one engine shared by 8 threads gives identical decisions`() {
        val contexts = listOf(
            sampleContext(),
            sampleContext().copy(host = Host.WECHAT, platform = Platform.IOS),
            sampleContext().copy(host = Host.ALIPAY, currency = "CNY", lastUsed = listOf()),
            sampleContext().copy(host = Host.BROWSER, platform = Platform.MACOS, currency = "USD", country = "US"),
            sampleContext().copy(
                platform = null,
                host = null,
                userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
                    "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
            ),
        )
        val expected = contexts.map { engine.decide(it, true) }
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
