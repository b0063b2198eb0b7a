// What the JUnit tests share: the repository's shared test data, Gson, and
// one case of a vector file read as the runner contract in
// tests/vectors/README.md says. Gson only reads JSON into its tree and
// compares trees; the generated bindings turn JSON into records (the
// `*Json` entry points and `contextFromJson`), so no field list of a wire
// type is written here.

package dev.paysel.test

import com.google.gson.FieldNamingPolicy
import com.google.gson.Gson
import com.google.gson.GsonBuilder
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import com.google.gson.JsonSerializer
import com.google.gson.reflect.TypeToken
import dev.paysel.Engine
import dev.paysel.core.TrustedKey
import dev.paysel.core.VerifyOptions
import java.io.File

object Repo {
    /** The repository, from `-Dpaysel.root` (set by `cargo xtask test kotlin`). */
    val root = File(System.getProperty("paysel.root") ?: ".")

    /** `*.{suffix}` files of a repository folder, sorted by name. */
    fun files(dir: String, suffix: String): List<File> =
        File(root, dir).listFiles { f -> f.name.endsWith(suffix) }?.sortedBy { it.name } ?: listOf()
}

fun parse(text: String): JsonElement = JsonParser.parseString(text)

/** The wire name of an enum value: serde writes the snake_case of the Rust
 *  variant, UniFFI names the Kotlin value in upper snake case. */
fun wire(e: Enum<*>): String = e.name.lowercase()

inline fun <reified E : Enum<E>> fromWire(name: String): E =
    enumValues<E>().firstOrNull { wire(it) == name } ?: throw AssertionError("${E::class.simpleName} has no `$name`")

/** Gson for the generated records whose wire form is plain (snake_case keys,
 *  enums by wire name, no renames): `Hints` and `TrustedKey` in, `Detection`
 *  out. */
val gson: Gson = GsonBuilder()
    .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
    .serializeNulls()
    .registerTypeHierarchyAdapter(Enum::class.java, JsonSerializer<Enum<*>> { e, _, _ -> JsonPrimitive(wire(e)) })
    .create()

/** One case of a vector file. */
class Case(val json: JsonObject) {
    val name: String = json["name"].asString
    val explain = json["explain"]?.asBoolean ?: false
    val expect: JsonElement? = json["expect"]
    val expectError: JsonObject? = json["expect_error"]?.asJsonObject
    val event: JsonObject? = json["event"]?.asJsonObject

    private fun text(key: String): String? = json["${key}_text"]?.asString ?: json[key]?.toString()

    /** The context as JSON text: `context_text`, else `context` serialized, else `{}`. */
    val context: String = text("context") ?: "{}"

    /** The policy as JSON text, or null for the default policy. */
    val policy: String? = json["policy_text"]?.asString ?: json["policy"]?.takeIf { it.isJsonObject }?.toString()

    /** The signed envelope as JSON text, or null. */
    val envelope: String? = text("envelope")

    val trustedKeys: List<TrustedKey> =
        gson.fromJson(json["trusted_keys"] ?: JsonArray(), object : TypeToken<List<TrustedKey>>() {}.type)

    val verifyOptions = VerifyOptions(
        nowUnixSeconds = json["now"]?.asLong ?: 0,
        minVersion = json["min_version"]?.asLong,
    )

    /** The engine of the runner contract: from the envelope, else the
     *  policy text, else the default. */
    fun engine(): Engine = when {
        envelope != null -> Engine.fromSignedPolicy(envelope, trustedKeys, verifyOptions)
        policy != null -> Engine.fromPolicyJson(policy)
        else -> Engine()
    }
}

fun cases(file: File): List<Case> =
    parse(file.readText()).asJsonObject["cases"].asJsonArray.map { Case(it.asJsonObject) }
