// Every conformance vector (tests/vectors/*.json) through the Kotlin
// bindings on the JVM, against the host-built libpaysel_mobile through JNA,
// following the runner contract in tests/vectors/README.md, twice:
//
// - through JSON: the engine from the policy text or envelope, `decideJson`
//   on the context text, the output compared with `expect` (and, for the
//   plan cases, `planJson` with `expect_plan`);
// - through the typed API: the policy read back as a typed `Policy` and
//   handed to `Engine.fromPolicy`, the context read with `contextFromJson`
//   and decided with `decide`, the typed `Decision` written back with
//   `decisionToJson` (byte for byte what `decideJson` gives) and, for the
//   event cases, turned into its event with `selection` or `outcome`.
//
// Every record crosses the FFI both ways. Errors compare code and path.

package dev.paysel.test

import com.google.gson.JsonObject
import dev.paysel.Engine
import dev.paysel.PayselException
import dev.paysel.contextFromJson
import dev.paysel.core.Decision
import dev.paysel.core.OutcomeResult
import dev.paysel.decisionToJson
import dev.paysel.outcome
import dev.paysel.selection
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

/** Runs `call`; its output must match `expect`, or its error `expectError`
 *  (code and path). Returns the output, or null after an expected error. */
fun expectOutcome(expect: com.google.gson.JsonElement?, expectError: JsonObject?, call: () -> String): String? =
    try {
        val out = call()
        assertNull(expectError, "expected error $expectError, got $out")
        assertEquals(expect, parse(out))
        out
    } catch (e: PayselException.InvalidInput) {
        assertNotNull(expectError, "threw ${wire(e.code)} at `${e.path}` (${e.detail})")
        assertEquals(expectError!!["code"].asString, wire(e.code), e.detail)
        expectError["path"]?.let { assertEquals(it.asString, e.path, "path of ${e.detail}") }
        null
    }

class VectorsTest {
    @TestFactory
    fun vectors(): List<DynamicContainer> {
        val files = Repo.files("tests/vectors", ".json")
        assertTrue(files.isNotEmpty(), "no tests/vectors/*.json under ${Repo.root}")
        val all = files.associateWith(::cases)
        assertTrue(all.values.flatten().count { it.event != null } > 0, "no event cases")
        return all.map { (file, cases) ->
            dynamicContainer(file.name, cases.flatMap { case ->
                listOf(
                    dynamicTest("${case.name} (JSON)") { throughJson(case) },
                    dynamicTest("${case.name} (typed)") { throughTypes(case) },
                )
            })
        }
    }

    private fun throughJson(case: Case) {
        expectOutcome(case.expect, case.expectError) { case.engine().use { it.decideJson(case.context, case.explain) } }
        if (case.json["plan"]?.asBoolean == true) {
            expectOutcome(case.json["expect_plan"], case.json["expect_plan_error"]?.asJsonObject) {
                case.engine().use { it.planJson(case.context, case.explain) }
            }
        }
    }

    private fun throughTypes(case: Case) {
        var decision: Decision? = null
        var byJson: String? = null
        val out = expectOutcome(case.expect, case.expectError) {
            typedEngine(case).use { engine ->
                val d = engine.decide(contextFromJson(case.context), case.explain)
                decision = d
                byJson = engine.decideJson(case.context, case.explain)
                decisionToJson(d)
            }
        }
        if (out != null) assertEquals(byJson, out, "the typed decision is byte for byte the JSON entry point's")
        val event = case.event ?: return
        decision?.let { checkEvent(case, event, it) }
    }

    /** The case's engine, its policy handed over as a typed record. */
    private fun typedEngine(case: Case): Engine = when {
        case.envelope != null -> case.engine()
        case.policy != null -> Engine.fromPolicy(Engine.fromPolicyJson(case.policy).use { it.policy() })
        else -> Engine()
    }

    private fun checkEvent(case: Case, event: JsonObject, decision: Decision) {
        val rail = event["rail"].asString
        val line = expectOutcome(case.json["expect_event"], case.json["expect_event_error"]?.asJsonObject) {
            when (val type = event["type"].asString) {
                "selection" -> selection(decision, rail)
                "outcome" -> outcome(decision, rail, fromWire<OutcomeResult>(event["result"].asString))
                else -> throw AssertionError("unknown event type `$type`")
            }
        }
        line?.let { assertFalse(it.contains('\n'), "an event is one line: $it") }
    }
}
