// The vector files' JSON, turned into the generated UniFFI records so that
// the typed API can be checked against the JSON entry point. Gson reads the
// JSON tree; each record's own primary constructor (Kotlin reflection) says
// which fields exist, so no field list is written here.
//
// Two things serde knows that the generated Kotlin cannot show are stated
// once below: the one field serde renames (`kind`, written `type`), and what
// serde fills in for a field the JSON leaves out when the record has no
// default in Kotlin (a record of defaults; `unknown` for an enum).

package dev.paysel.test

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import kotlin.reflect.KClass
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor

object Wire {
    /** Wire keys that differ from the snake_case of the Kotlin field. */
    private val RENAMED = mapOf("kind" to "type")

    /** The repository, from `-Dpaysel.root` (set by `cargo xtask test kotlin`). */
    val root = File(System.getProperty("paysel.root") ?: ".")

    fun parse(text: String): JsonElement = JsonParser.parseString(text)

    /** `*.{suffix}` files of a repository folder, sorted by name. */
    fun files(dir: String, suffix: String): List<File> =
        File(root, dir).listFiles { f -> f.name.endsWith(suffix) }?.sortedBy { it.name } ?: listOf()

    /** The wire name of an enum value: `WECHAT_MINI_PROGRAM` -> `wechat_mini_program`. */
    fun name(e: Enum<*>): String = e.name.lowercase()

    /** The wire key of a Kotlin field: `installedWallets` -> `installed_wallets`. */
    fun key(field: String): String =
        RENAMED[field] ?: field.replace(Regex("[A-Z]")) { "_" + it.value.lowercase() }

    /** A record of class `cls` from a JSON object. Throws when the object has a
     *  key the record lacks, or a value of the wrong type or out of range. */
    fun <T : Any> record(cls: KClass<T>, json: JsonElement): T {
        val obj = json.asJsonObject
        val constructor = cls.primaryConstructor ?: error("${cls.simpleName} is not a record")
        val unknown = obj.keySet() - constructor.parameters.map { key(it.name!!) }.toSet()
        require(unknown.isEmpty()) { "${cls.simpleName} has no field $unknown" }
        val args = mutableMapOf<KParameter, Any?>()
        for (p in constructor.parameters) {
            val v = obj.get(key(p.name!!))
            when {
                v != null -> args[p] = value(p.type, v)
                p.isOptional -> {} // the generated default
                p.type.isMarkedNullable -> args[p] = null
                else -> args[p] = absent(p.type)
            }
        }
        return constructor.callBy(args)
    }

    /** What serde fills in for a left-out field without a Kotlin default. */
    private fun absent(type: KType): Any {
        val cls = type.classifier as KClass<*>
        return if (cls.java.isEnum) enumValue(cls, "unknown") else record(cls, JsonObject())
    }

    private fun enumValue(cls: KClass<*>, wire: String): Any =
        cls.java.enumConstants.firstOrNull { name(it as Enum<*>) == wire }
            ?: throw IllegalArgumentException("${cls.simpleName} has no value `$wire`")

    /** A value of Kotlin type `type` from JSON. */
    fun value(type: KType, json: JsonElement): Any? {
        if (json.isJsonNull) {
            require(type.isMarkedNullable) { "null for $type" }
            return null
        }
        val cls = type.classifier as KClass<*>
        fun primitive(check: (JsonPrimitive) -> Boolean): JsonPrimitive =
            json.asJsonPrimitive.also { require(check(it)) { "$json is not a ${cls.simpleName}" } }
        fun number(): String = primitive { it.isNumber }.asString
        return when {
            cls == String::class -> primitive { it.isString }.asString
            cls == Boolean::class -> primitive { it.isBoolean }.asBoolean
            cls == ULong::class -> number().toULong()
            cls == UInt::class -> number().toUInt()
            cls == UShort::class -> number().toUShort()
            cls == UByte::class -> number().toUByte()
            cls == Long::class -> number().toLong()
            cls == Int::class -> number().toInt()
            cls == Short::class -> number().toShort()
            cls == Byte::class -> number().toByte()
            cls == Double::class -> number().toDouble()
            cls == Float::class -> number().toFloat()
            cls == List::class -> json.asJsonArray.map { value(type.arguments.single().type!!, it) }
            cls == Map::class -> json.asJsonObject.entrySet().associate {
                it.key to value(type.arguments[1].type!!, it.value)
            }
            cls.java.isEnum -> enumValue(cls, primitive { it.isString }.asString)
            else -> record(cls, json)
        }
    }

    /** A record's fields by wire key. */
    fun fields(record: Any): Map<String, Any?> =
        record::class.memberProperties.associate { key(it.name) to it.getter.call(record) }

    /** A string, boolean or enum value as JSON (enums by wire name). */
    fun scalar(v: Any?): JsonElement = when (v) {
        null -> JsonNull.INSTANCE
        is Enum<*> -> JsonPrimitive(name(v))
        is Boolean -> JsonPrimitive(v)
        is String -> JsonPrimitive(v)
        else -> throw IllegalArgumentException("not a scalar: $v")
    }
}
