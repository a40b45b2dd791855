def fetch_user(user_id):
    return {"id": user_id}


def fetch_orders(user_id):
    return []
