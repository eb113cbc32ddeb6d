const plugin = { rules: {} };
export = plugin;
