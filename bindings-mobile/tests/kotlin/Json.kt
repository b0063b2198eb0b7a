// A small JSON reader and writer for the conformance runner. The JVM test
// has no JSON library on its classpath (only the generated bindings, JNA and
// the Kotlin stdlib), and it needs exactly three things: parse the vector
// files, serialize a policy or context object back to text, and compare two
// documents structurally.

package dev.paysel.test

import java.math.BigDecimal

/** A parsed JSON value. Numbers keep their source text, so that writing a
 *  value back reproduces numbers of any size exactly. */
sealed class Json {
    object Null : Json()
    data class Bool(val value: Boolean) : Json()
    data class Num(val text: String) : Json()
    data class Str(val value: String) : Json()
    data class Arr(val items: List<Json>) : Json()
    /** Keys keep their order of first appearance; a repeated key keeps the
     *  last value, as serde_json does. */
    data class Obj(val fields: LinkedHashMap<String, Json>) : Json()

    operator fun get(key: String): Json? = (this as? Obj)?.fields?.get(key)

    val str: String? get() = (this as? Str)?.value
    val bool: Boolean? get() = (this as? Bool)?.value
    val arr: List<Json>? get() = (this as? Arr)?.items

    /** Compact JSON text. (Not `toString`, which the data classes override.) */
    fun text(): String = StringBuilder().also { write(it) }.toString()

    fun write(out: StringBuilder) {
        when (this) {
            is Null -> out.append("null")
            is Bool -> out.append(if (value) "true" else "false")
            is Num -> out.append(text)
            is Str -> writeString(value, out)
            is Arr -> {
                out.append('[')
                items.forEachIndexed { i, item ->
                    if (i > 0) out.append(',')
                    item.write(out)
                }
                out.append(']')
            }
            is Obj -> {
                out.append('{')
                var first = true
                for ((k, v) in fields) {
                    if (!first) out.append(',')
                    first = false
                    writeString(k, out)
                    out.append(':')
                    v.write(out)
                }
                out.append('}')
            }
        }
    }

    companion object {
        fun parse(text: String): Json = Parser(text).parseDocument()

        fun writeString(s: String, out: StringBuilder) {
            out.append('"')
            for (c in s) {
                when {
                    c == '"' -> out.append("\\\"")
                    c == '\\' -> out.append("\\\\")
                    c == '\n' -> out.append("\\n")
                    c == '\r' -> out.append("\\r")
                    c == '\t' -> out.append("\\t")
                    c < ' ' -> out.append(String.format("\\u%04x", c.code))
                    else -> out.append(c)
                }
            }
            out.append('"')
        }

        /** Structural equality: same shape, same strings, numerically equal
         *  numbers, objects equal regardless of key order. */
        fun same(a: Json?, b: Json?): Boolean = when {
            a == null || b == null -> a == null && b == null
            a is Num && b is Num -> BigDecimal(a.text).compareTo(BigDecimal(b.text)) == 0
            a is Arr && b is Arr -> a.items.size == b.items.size &&
                a.items.indices.all { same(a.items[it], b.items[it]) }
            a is Obj && b is Obj -> a.fields.keys == b.fields.keys &&
                a.fields.all { (k, v) -> same(v, b.fields[k]) }
            else -> a == b
        }

        fun obj(vararg pairs: Pair<String, Json>): Json = Obj(linkedMapOf(*pairs))
        fun str(s: String?): Json = if (s == null) Null else Str(s)
        fun num(n: Any?): Json = if (n == null) Null else Num(n.toString())
        fun arr(items: List<Json>): Json = Arr(items)
    }
}

class JsonException(message: String) : Exception(message)

private class Parser(private val s: String) {
    private var i = 0

    fun parseDocument(): Json {
        val v = value()
        ws()
        if (i != s.length) fail("trailing characters")
        return v
    }

    private fun fail(what: String): Nothing = throw JsonException("$what at offset $i")

    private fun ws() {
        while (i < s.length && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++
    }

    private fun value(): Json {
        ws()
        if (i >= s.length) fail("unexpected end")
        return when (s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> Json.Str(string())
            't' -> literal("true", Json.Bool(true))
            'f' -> literal("false", Json.Bool(false))
            'n' -> literal("null", Json.Null)
            else -> number()
        }
    }

    private fun literal(word: String, v: Json): Json {
        if (!s.startsWith(word, i)) fail("bad literal")
        i += word.length
        return v
    }

    private fun obj(): Json {
        i++
        val fields = LinkedHashMap<String, Json>()
        ws()
        if (i < s.length && s[i] == '}') { i++; return Json.Obj(fields) }
        while (true) {
            ws()
            if (i >= s.length || s[i] != '"') fail("expected a key")
            val k = string()
            ws()
            if (i >= s.length || s[i] != ':') fail("expected ':'")
            i++
            fields[k] = value()
            ws()
            if (i >= s.length) fail("unterminated object")
            when (s[i]) {
                ',' -> i++
                '}' -> { i++; return Json.Obj(fields) }
                else -> fail("expected ',' or '}'")
            }
        }
    }

    private fun arr(): Json {
        i++
        val items = ArrayList<Json>()
        ws()
        if (i < s.length && s[i] == ']') { i++; return Json.Arr(items) }
        while (true) {
            items.add(value())
            ws()
            if (i >= s.length) fail("unterminated array")
            when (s[i]) {
                ',' -> i++
                ']' -> { i++; return Json.Arr(items) }
                else -> fail("expected ',' or ']'")
            }
        }
    }

    private fun string(): String {
        i++
        val out = StringBuilder()
        while (true) {
            if (i >= s.length) fail("unterminated string")
            val c = s[i++]
            when {
                c == '"' -> return out.toString()
                c == '\\' -> {
                    if (i >= s.length) fail("bad escape")
                    when (val e = s[i++]) {
                        '"' -> out.append('"')
                        '\\' -> out.append('\\')
                        '/' -> out.append('/')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            if (i + 4 > s.length) fail("bad \\u escape")
                            out.append(s.substring(i, i + 4).toInt(16).toChar())
                            i += 4
                        }
                        else -> fail("bad escape '$e'")
                    }
                }
                c < ' ' -> fail("control character in string")
                else -> out.append(c)
            }
        }
    }

    private fun number(): Json {
        val start = i
        if (i < s.length && s[i] == '-') i++
        while (i < s.length && (s[i].isDigit() || s[i] == '.' || s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-')) i++
        val text = s.substring(start, i)
        if (text.isEmpty() || text == "-") fail("unexpected character")
        try { BigDecimal(text) } catch (e: NumberFormatException) { fail("bad number '$text'") }
        return Json.Num(text)
    }
}
