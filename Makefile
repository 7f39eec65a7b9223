# make rundeck-plugin: build/ecsnodes-plugin.zip, Rundeck's script plugin (README "Rundeck").
# The zip's top folder is named like the zip (ecsnodes-plugin), as Rundeck requires; the scripts
# keep their executable bit. Uses zip when installed, else python3's zipfile.

PLUGIN := ecsnodes-plugin
PLUGIN_ZIP := build/$(PLUGIN).zip
PLUGIN_FILES := $(shell find rundeck/$(PLUGIN) -type f)

.PHONY: rundeck-plugin
rundeck-plugin: $(PLUGIN_ZIP)

$(PLUGIN_ZIP): $(PLUGIN_FILES)
	@mkdir -p build
	@rm -f $@
	@if command -v zip >/dev/null 2>&1; then \
		cd rundeck && zip -q -r -X ../$@ $(PLUGIN); \
	else \
		python3 -c 'import os, sys, zipfile; \
			out = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED); \
			os.chdir("rundeck"); \
			[out.write(os.path.join(d, f)) for d, _, fs in sorted(os.walk(sys.argv[2])) for f in sorted(fs)]; \
			out.close()' $@ $(PLUGIN); \
	fi
	@echo "built $@"
