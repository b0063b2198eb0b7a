// The paysel Android library: the Kotlin that UniFFI generates from
// libpaysel_mobile (src/main/kotlin/) and that library for each ABI
// (src/main/jniLibs/<abi>/). Both are produced by ./build-android.sh.
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.1.0"
}

android {
    namespace = "dev.paysel"
    compileSdk = 35

    defaultConfig {
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    sourceSets["main"].apply {
        kotlin.srcDirs("src/main/kotlin")
        jniLibs.srcDirs("src/main/jniLibs")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    // The generated bindings call into libpaysel_mobile through JNA. The
    // `@aar` artifact carries JNA's own native dispatch library per ABI.
    api("net.java.dev.jna:jna:5.14.0@aar")
}
