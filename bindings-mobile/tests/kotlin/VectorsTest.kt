// Every conformance vector (tests/vectors/*.json) through the Kotlin
// bindings on the JVM, against the host-built libpaysel_mobile through JNA,
// following the runner contract in tests/vectors/README.md. Each case runs
// through the JSON entry point; each case whose context the typed API can
// express also runs through `decide(Context)`, which must agree.

package dev.paysel.test

import com.google.gson.JsonObject
import dev.paysel.Engine
import dev.paysel.PayselException
import dev.paysel.core.Context
import dev.paysel.core.Decision
import dev.paysel.core.TrustedKey
import dev.paysel.core.VerifyOptions
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

/** One case of a vector file. */
class Case(val json: JsonObject) {
    val name: String = json["name"].asString
    val explain = json["explain"]?.asBoolean ?: false

    fun text(key: String): String? = json["${key}_text"]?.asString ?: json[key]?.toString()

    /** The context as JSON text: `context_text`, else `context` serialized, else `{}`. */
    val context: String = text("context") ?: "{}"

    val trustedKeys: List<TrustedKey>
        get() = json["trusted_keys"]?.asJsonArray?.map { Wire.record(TrustedKey::class, it) } ?: listOf()

    val verifyOptions: VerifyOptions
        get() = VerifyOptions(
            nowUnixSeconds = json["now"]?.asString?.toULong() ?: 0UL,
            minVersion = json["min_version"]?.asString?.toULong(),
        )

    /** The engine: from the envelope, else the policy text or object, else the default. */
    fun engine(): Engine {
        text("envelope")?.let { return Engine.fromSignedPolicy(it, trustedKeys, verifyOptions) }
        val policy = json["policy"]
        return when {
            json.has("policy_text") -> Engine.fromPolicyJson(json["policy_text"].asString)
            policy != null && policy.isJsonObject -> Engine.fromPolicyJson(policy.toString())
            else -> Engine.withDefaultPolicy()
        }
    }

    /** The context as a typed record, or null when the typed API cannot express
     *  it (raw text, an unknown field, a value out of range) or the case fails. */
    fun typedContext(): Context? {
        if (json.has("context_text") || json.has("expect_error")) return null
        return try {
            Wire.record(Context::class, json["context"] ?: JsonObject())
        } catch (e: IllegalArgumentException) {
            null
        }
    }
}

fun cases(file: java.io.File): List<Case> =
    Wire.parse(file.readText()).asJsonObject["cases"].asJsonArray.map { Case(it.asJsonObject) }

class VectorsTest {
    @TestFactory
    fun vectors(): List<DynamicContainer> {
        val files = Wire.files("tests/vectors", ".json")
        assertTrue(files.isNotEmpty(), "no tests/vectors/*.json under ${Wire.root}")
        var typed = 0
        val containers = files.map { file ->
            dynamicContainer(file.name, cases(file).flatMap { case ->
                val tests = mutableListOf(dynamicTest(case.name) { jsonEntryPoint(case) })
                case.typedContext()?.let { context ->
                    typed++
                    tests += dynamicTest("${case.name} (typed decide)") { typedDecide(case, context) }
                }
                tests
            })
        }
        assertTrue(typed >= 2, "only $typed cases go through the typed API")
        return containers
    }

    private fun jsonEntryPoint(case: Case) {
        val expectError = case.json["expect_error"]?.asJsonObject
        try {
            val out = case.engine().use { it.decideJson(case.context, case.explain) }
            assertNull(expectError, "expected error $expectError, got $out")
            assertEquals(case.json["expect"], Wire.parse(out))
        } catch (e: PayselException.InvalidInput) {
            assertNotNull(expectError, "threw ${Wire.name(e.code)} at `${e.path}` (${e.detail})")
            assertEquals(expectError!!["code"].asString, Wire.name(e.code), e.detail)
            expectError["path"]?.let { assertEquals(it.asString, e.path, "path of the error") }
        }
    }

    private fun typedDecide(case: Case, context: Context) = case.engine().use { engine ->
        val fromJson = Wire.record(Decision::class, Wire.parse(engine.decideJson(case.context, case.explain)))
        assertEquals(fromJson, engine.decide(context, case.explain))
    }
}
