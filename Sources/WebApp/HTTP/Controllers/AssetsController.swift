import Hummingbird

/// `GET /assets/{name}`: the stylesheets and the script of the children's form and the dashboard.
struct AssetsController {
    let assets: StaticAssets

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("assets/{name}", use: asset)
    }

    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let asset = assets.byName[name] else {
            throw HTTPError(.notFound)
        }
        var headers: HTTPFields = [.contentType: asset.contentType]
        // Pages link each asset with its content hash, so a linked version never changes.
        headers[.cacheControl] =
            request.uri.queryParameters.get("v") == asset.version
            ? "public, max-age=31536000, immutable" : "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
