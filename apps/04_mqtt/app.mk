# SPDX-License-Identifier: MIT
# apps/04_mqtt: the MQTT demo. Every module links the codec (lib/mqtt.c);
# the broker adds its logic (lib/broker.c), the clients their transport
# (lib/client.c), and all their output lines (lib/say.c). These explicit
# rules replace apps.mk's single-file pattern for the four modules, which
# its wildcard already lists in APPS_WASM; the library stays in lib/ so that
# the wildcard does not take it for a module.
# tests/host/mqtt_test.c tests the codec and the broker logic on the host.
MQTT_OUT  := $(APPS_BUILD)/04_mqtt
MQTT_HDRS := $(wildcard apps/04_mqtt/lib/*.h)

$(MQTT_OUT)/%.o: apps/04_mqtt/%.c $(MQTT_HDRS) sdk/jericho.h
	@mkdir -p $(@D)
	$(CC) $(APPS_CFLAGS) -c $< -o $@

$(MQTT_OUT)/broker.wasm: $(MQTT_OUT)/broker.o $(MQTT_OUT)/lib/broker.o $(MQTT_OUT)/lib/mqtt.o \
                          $(MQTT_OUT)/lib/say.o
	$(CC) $(APPS_LDFLAGS) $^ -o $@

MQTT_CLIENTS := $(MQTT_OUT)/publisher.wasm $(MQTT_OUT)/subscriber.wasm $(MQTT_OUT)/badclient.wasm
$(MQTT_CLIENTS): $(MQTT_OUT)/%.wasm: $(MQTT_OUT)/%.o $(MQTT_OUT)/lib/client.o $(MQTT_OUT)/lib/mqtt.o \
                                   $(MQTT_OUT)/lib/say.o
	$(CC) $(APPS_LDFLAGS) $^ -o $@

# The library on the host. jericho.h's wasm import attributes (client.c)
# mean nothing there: host/sim.c defines those functions.
MQTT_HOST_CFLAGS := $(HOST_CFLAGS) -Isdk -Iuser/root -Wno-unknown-attributes
$(HOST_BUILD)/apps/04_mqtt/lib/%.c.o: apps/04_mqtt/lib/%.c $(MQTT_HDRS) sdk/jericho.h
	@mkdir -p $(@D)
	$(CC) $(MQTT_HOST_CFLAGS) -c $< -o $@

# The host test: host.mk's pattern would link kernel code instead.
$(HOST_BUILD)/tests/host/mqtt_test: $(HOST_BUILD)/tests/host/mqtt_test.c.o \
                                    $(HOST_BUILD)/apps/04_mqtt/lib/mqtt.c.o \
                                    $(HOST_BUILD)/apps/04_mqtt/lib/broker.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# mqtt_sim MANIFEST [SEED]: the demo's modules as threads of one host process
# over a fake of the jericho imports (host/sim.c), for tests/suites/mqtt.sh.
# Each module's main is renamed to mqtt_sim_NAME_main, which has no
# prototype in the module's file, hence -Wno-missing-prototypes.
MQTT_SIM := $(HOST_BUILD)/apps/04_mqtt/mqtt_sim
MQTT_SIM_MODULES := broker publisher subscriber badclient
$(HOST_BUILD)/apps/04_mqtt/sim/%.o: apps/04_mqtt/%.c $(MQTT_HDRS) sdk/jericho.h
	@mkdir -p $(@D)
	$(CC) $(MQTT_HOST_CFLAGS) -Wno-missing-prototypes -Dmain=mqtt_sim_$*_main -c $< -o $@

$(HOST_BUILD)/apps/04_mqtt/host/sim.c.o: apps/04_mqtt/host/sim.c sdk/jericho.h user/root/manifest.h
	@mkdir -p $(@D)
	$(CC) $(MQTT_HOST_CFLAGS) -c $< -o $@

$(MQTT_SIM): $(HOST_BUILD)/apps/04_mqtt/host/sim.c.o \
             $(patsubst %,$(HOST_BUILD)/apps/04_mqtt/sim/%.o,$(MQTT_SIM_MODULES)) \
             $(patsubst %,$(HOST_BUILD)/apps/04_mqtt/lib/%.c.o,mqtt broker client say) \
             $(HOST_BUILD)/user/root/manifest.c.o
	$(CC) $(HOST_LDFLAGS) -pthread -o $@ $^

.PHONY: mqtt-sim
mqtt-sim: $(MQTT_SIM)
