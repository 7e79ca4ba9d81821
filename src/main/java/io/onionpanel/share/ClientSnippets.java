package io.onionpanel.share;

import io.onionpanel.onion.OnionAddress;
import java.util.List;

/**
 * Copyable client set-ups for a service, filled with its live address and a SOCKS port. Every one hands the host
 * name to tor (remote resolution): a .onion name cannot be resolved by local DNS, and trying leaks it.
 */
public final class ClientSnippets {
    /** One snippet: what it is for, the code, and why it is written this way. */
    public record Snippet(String id, String title, String code, String note) {
    }

    private ClientSnippets() {
    }

    /** Snippets for the service's {@code virtualPort} (see {@link OnionUrl}), through tor's SOCKS port. */
    public static List<Snippet> of(String onionAddress, int virtualPort, int socksPort) {
        if (!OnionAddress.isValid(onionAddress)) {
            throw new IllegalArgumentException("not a v3 onion address");
        }
        String url = OnionUrl.of(onionAddress, virtualPort);
        String socks = "127.0.0.1:" + socksPort;
        return List.of(
                new Snippet("curl", "curl",
                        "curl --socks5-hostname " + socks + " " + url + "/v1/models",
                        "--socks5-hostname sends the name to tor. Plain --socks5 makes curl resolve the name itself"
                                + " first: a .onion name fails (\"Could not resolve host\") and the lookup leaks to"
                                + " your DNS server. (socks5h://" + socks + " with -x is the same as --socks5-hostname.)"),
                new Snippet("python", "Python (openai + httpx)",
                        "# pip install openai \"httpx[socks]>=0.26\"\n"
                                + "import httpx\n"
                                + "from openai import OpenAI\n"
                                + "\n"
                                + "http_client = httpx.Client(proxy=\"socks5://" + socks + "\", timeout=60.0)\n"
                                + "client = OpenAI(\n"
                                + "    api_key=\"sk-...\",\n"
                                + "    base_url=\"" + url + "/v1\",\n"
                                + "    http_client=http_client,\n"
                                + ")\n"
                                + "print(client.models.list())\n",
                        "httpx needs its socks extra (httpx[socks], which installs socksio) for socks5:// proxies."
                                + " httpx always lets the SOCKS proxy resolve the name, so socks5:// is right here"
                                + " (httpx 0.28+ also accepts socks5h://). The proxy= argument needs httpx 0.26 or newer;"
                                + " the older proxies= (as in many guides) was removed in 0.28."),
                new Snippet("node", "Node.js (openai + socks-proxy-agent)",
                        "// npm install openai socks-proxy-agent node-fetch@2\n"
                                + "import OpenAI from 'openai';\n"
                                + "import fetch from 'node-fetch';\n"
                                + "import { SocksProxyAgent } from 'socks-proxy-agent';\n"
                                + "\n"
                                + "const agent = new SocksProxyAgent('socks5h://" + socks + "');\n"
                                + "const client = new OpenAI({\n"
                                + "  apiKey: 'sk-...',\n"
                                + "  baseURL: '" + url + "/v1',\n"
                                + "  fetch: (input, init) => fetch(input, { ...init, agent }),\n"
                                + "});\n"
                                + "console.log(await client.models.list());\n",
                        "socks5h:// makes socks-proxy-agent send the name to tor; with socks5:// it resolves the name"
                                + " locally, which fails for .onion. openai 5 uses Node's built-in fetch, which ignores"
                                + " http agents, so the agent goes in through node-fetch (this works with openai 4 too)."));
    }
}
