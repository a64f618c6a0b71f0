"""Deployment snippets: az flags, Bicep and Terraform from selection data (pure functions)."""

from generator.core import model as m
from generator.site import snippets


def flag(name, value=None):
    return m.CliFlag(flag=name, value=value, why="test")


def test_az_command_keeps_order_drops_repeats_and_quotes_values():
    cmd = snippets.az_command(
        [
            flag("--network-plugin", "azure"),
            flag("--enable-private-cluster"),
            flag("--network-plugin", "kubenet"),
            flag("--api-server-authorized-ip-ranges", ["1.2.3.4/32", "5.6.7.0/24"]),
            flag("--tags", "team=net ops"),
            flag("--enable-thing", True),
        ]
    )
    assert cmd.splitlines() == [
        "az aks create \\",
        "  --resource-group myResourceGroup \\",
        "  --name myAKSCluster \\",
        "  --network-plugin azure \\",
        "  --enable-private-cluster \\",
        "  --api-server-authorized-ip-ranges 1.2.3.4/32,5.6.7.0/24 \\",
        "  --tags 'team=net ops' \\",
        "  --enable-thing",
    ]


def test_shell_quoting_cannot_break_out():
    assert snippets._shell_word("a'b; rm -rf /") == "'a'\"'\"'b; rm -rf /'"
    assert snippets._shell_word("") == "''"


def test_bicep_nests_and_types_values():
    props = [
        m.Property(property="properties.networkProfile.networkPlugin", value="azure"),
        m.Property(property="properties.networkProfile.podCidrs", value=["10.244.0.0/16"]),
        m.Property(property="properties.apiServerAccessProfile.enablePrivateCluster", value=True),
        m.Property(property="properties.agentPoolProfiles.count", value=3),
    ]
    assert snippets.bicep(props) == (
        "properties: {\n  networkProfile: {\n    networkPlugin: 'azure'\n    podCidrs: [ '10.244.0.0/16' ]\n  }\n"
        "  apiServerAccessProfile: {\n    enablePrivateCluster: true\n  }\n  agentPoolProfiles: {\n    count: 3\n  }\n}"
    )


def test_terraform_blocks_and_arguments():
    props = [
        m.Property(property="network_profile.network_plugin", value="azure"),
        m.Property(property="private_cluster_enabled", value=True),
        m.Property(property="api_server_access_profile.authorized_ip_ranges", value=["1.2.3.4/32"]),
    ]
    assert snippets.terraform(props) == (
        'resource "azurerm_kubernetes_cluster" "aks" {\n  network_profile {\n    network_plugin = "azure"\n  }\n'
        '  private_cluster_enabled = true\n  api_server_access_profile {\n'
        '    authorized_ip_ranges = ["1.2.3.4/32"]\n  }\n}'
    )


def test_bicep_indexed_paths_become_arrays_of_objects():
    props = [
        m.Property(property="properties.agentPoolProfiles[0].vnetSubnetID", value="/subscriptions/x/subnets/nodes"),
        m.Property(property="properties.agentPoolProfiles[0].podSubnetID", value="/subscriptions/x/subnets/pods"),
    ]
    assert snippets.bicep(props) == (
        "properties: {\n  agentPoolProfiles: [\n    {\n      vnetSubnetID: '/subscriptions/x/subnets/nodes'\n"
        "      podSubnetID: '/subscriptions/x/subnets/pods'\n    }\n  ]\n}"
    )
