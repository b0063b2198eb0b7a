// Every line of the User-Agent corpus (tests/ua/*.jsonl) through the
// top-level `detect`: each key of the line other than the User-Agent, its
// hints and its source names a field of `Detection` (its wire name) and
// must match it.

package dev.paysel.test

import dev.paysel.core.Hints
import dev.paysel.detect
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

class UaCorpusTest {
    @TestFactory
    fun corpus(): List<DynamicContainer> {
        val files = Repo.files("tests/ua", ".jsonl")
        assertTrue(files.isNotEmpty(), "no tests/ua/*.jsonl under ${Repo.root}")
        return files.map { file ->
            val lines = file.readLines().withIndex().filter { it.value.isNotBlank() }
            dynamicContainer(file.name, lines.map { (index, line) ->
                dynamicTest("${file.name}:${index + 1}") { check(line) }
            })
        }
    }

    private fun check(line: String) {
        val row = parse(line).asJsonObject
        val ua = row["ua"].asString
        val hints = row["hints"]?.asJsonObject?.let { json ->
            gson.fromJson(json, Hints::class.java).also { hints ->
                // Gson skips keys it cannot place: each must come back.
                val back = gson.toJsonTree(hints).asJsonObject
                for ((key, value) in json.entrySet()) assertEquals(value, back[key], "hint `$key`")
            }
        }
        val found = gson.toJsonTree(detect(ua, hints)).asJsonObject
        val expected = row.keySet() - setOf("ua", "hints", "source")
        assertTrue(expected.isNotEmpty(), "the line expects nothing")
        for (key in expected) {
            assertTrue(found.has(key), "Detection has no field `$key`: $found")
            assertEquals(row[key], found[key], "$key of $ua")
        }
    }
}
