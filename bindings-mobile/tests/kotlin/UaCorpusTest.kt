// Every line of the User-Agent corpus (tests/ua/*.jsonl) through
// `Engine.detect`: each key of the line other than the User-Agent, its hints
// and its source is a field of `Detection` and must match it.

package dev.paysel.test

import dev.paysel.Engine
import dev.paysel.core.Hints
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UaCorpusTest {
    private val engine = Engine()

    @AfterAll
    fun close() = engine.close()

    @TestFactory
    fun corpus(): List<DynamicContainer> {
        val files = Wire.files("tests/ua", ".jsonl")
        assertTrue(files.isNotEmpty(), "no tests/ua/*.jsonl under ${Wire.root}")
        return files.map { file ->
            val lines = file.readLines().withIndex().filter { it.value.isNotBlank() }
            dynamicContainer(file.name, lines.map { (index, line) ->
                dynamicTest("${file.name}:${index + 1}") { check(line) }
            })
        }
    }

    private fun check(line: String) {
        val row = Wire.parse(line).asJsonObject
        val ua = row["ua"].asString
        val hints = row["hints"]?.let { Wire.record(Hints::class, it) }
        val found = Wire.fields(engine.detect(ua, hints))
        val expected = row.keySet() - setOf("ua", "hints", "source")
        assertTrue(expected.isNotEmpty(), "the line expects nothing")
        for (key in expected) {
            assertTrue(found.containsKey(key), "Detection has no field `$key`")
            assertEquals(row[key], Wire.scalar(found[key]), "$key of $ua")
        }
    }
}
