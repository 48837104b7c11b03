/* Test double for libedgetpu: the plugin interface that TFLite's load_delegate calls.
 *
 * It records the options it is given (one "key=value" line each) to the file named by
 * FAKE_EDGETPU_RECORD and returns a delegate that claims no operation, so the model runs on the
 * CPU: the real load_delegate call path of the runtime, with no Edge TPU. With
 * FAKE_EDGETPU_THROTTLED set it prints what the throttled (std) build prints for Max on USB.
 * Compiled at test time (tests/edgetpu_double.py); never shipped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct FakeDelegate {
    void* data_;
    int (*Prepare)(void* context, struct FakeDelegate* delegate);
    void* CopyFromBufferHandle;
    void* CopyToBufferHandle;
    void* FreeBufferHandle;
    int64_t flags;
    void* opaque_delegate_builder;
} FakeDelegate;

static int prepare_nothing(void* context, FakeDelegate* delegate) {
    (void)context;
    (void)delegate;
    return 0; /* kTfLiteOk: no node is taken, the CPU runs them all */
}

static FakeDelegate the_delegate = {0, prepare_nothing, 0, 0, 0, 0, 0};

FakeDelegate* tflite_plugin_create_delegate(char** keys, char** values, size_t count,
                                            void (*report_error)(const char*)) {
    (void)report_error;
    const char* record = getenv("FAKE_EDGETPU_RECORD");
    FILE* out = record ? fopen(record, "a") : NULL;
    for (size_t i = 0; i < count; i++) {
        if (out) fprintf(out, "%s=%s\n", keys[i], values[i]);
        if (getenv("FAKE_EDGETPU_THROTTLED") && strcmp(keys[i], "Performance") == 0
                && strcmp(values[i], "Max") == 0) {
            fprintf(stderr, "W edgetpu_delegate_for_custom_op_tflite_plugin.cc: Performance "
                    "expectation level Max is not supported when USB connected EdgeTpu is "
                    "throttled. Using High instead.\n");
        }
    }
    if (out) {
        fprintf(out, "--\n");
        fclose(out);
    }
    if (getenv("FAKE_EDGETPU_NO_DEVICE")) return NULL;
    return &the_delegate;
}

void tflite_plugin_destroy_delegate(FakeDelegate* delegate) { (void)delegate; }

const char* edgetpu_version(void) {
    return "BuildLabel(COMPILER=fake-libedgetpu-test-double), RuntimeVersion(14)";
}
